import { z } from 'zod';

/**
 * customer, staff and admin act within their token's tenant. `operator` is the platform's own role (the team running
 * RAGline): it may read usage across tenants (llmUsage grouped by TENANT, costByTenant) and nothing else beyond its
 * tenant; it grants no tenant's staff or admin rights. See docs/security.md, "Roles".
 */
export const ROLES = ['customer', 'staff', 'admin', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified token. Tenant scoping everywhere derives from `tenantId`. */
export interface Principal {
  userId: string;
  tenantId: string;
  roles: Role[];
}

export const claimsSchema = z.object({
  sub: z.string().min(1, 'sub must name the user'),
  tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'tenant must be a lowercase slug'),
  roles: z.array(z.enum(ROLES)).min(1, 'roles must list at least one of customer, staff, admin, operator'),
});

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

import { z } from 'zod';

export const ROLES = ['customer', 'staff', 'admin'] as const;
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
  roles: z.array(z.enum(ROLES)).min(1, 'roles must list at least one of customer, staff, admin'),
});

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

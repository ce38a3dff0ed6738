import type { Principal } from '../../../platform/auth/principal.js';

/** The data-layer scope of every assistant query: a conversation belongs to one user of one tenant. */
export interface Owner {
  tenantId: string;
  userId: string;
}

export const ownerOf = (principal: Principal): Owner => ({ tenantId: principal.tenantId, userId: principal.userId });

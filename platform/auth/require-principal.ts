import { appError, ErrorCode } from '../errors.js';
import type { RequestContext } from '../request-context.js';
import { hasRole, type Principal, type Role } from './principal.js';

export function requirePrincipal(context: Pick<RequestContext, 'principal'>, ...roles: Role[]): Principal {
  const principal = context.principal;
  if (!principal) throw appError(ErrorCode.Unauthenticated, 'Unauthenticated: this operation needs a bearer token');
  if (roles.length > 0 && !hasRole(principal, ...roles)) {
    throw appError(ErrorCode.Forbidden, `Forbidden: needs one of the roles ${roles.join(', ')}`);
  }
  return principal;
}

/** Who is signed in, read from the token's claims (the gateway verifies the token; this only picks the views). */
export interface Session {
  token: string;
  sub: string;
  tenant: string;
  roles: string[];
}

const STORAGE_KEY = 'ragline.token';

export function sessionFromToken(token: string): Session | undefined {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload)) as { sub?: string; tenant?: string; roles?: string[] };
    if (!claims.sub || !claims.tenant) return undefined;
    return { token, sub: claims.sub, tenant: claims.tenant, roles: claims.roles ?? [] };
  } catch {
    return undefined;
  }
}

export const savedSession = () => sessionFromToken(sessionStorage.getItem(STORAGE_KEY) ?? '');
export const saveToken = (token: string) => sessionStorage.setItem(STORAGE_KEY, token);
export const forgetToken = () => sessionStorage.removeItem(STORAGE_KEY);
export const isStaff = (session: Session) => session.roles.includes('staff') || session.roles.includes('admin');

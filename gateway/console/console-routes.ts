import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROLES, type Role } from '../../platform/auth/principal.js';
import { serveStaticFile } from './static-files.js';

/** Development sign-in: tokens for the demo tenants, minted by the gateway. Never configured in production. */
export interface DevTokenMinter {
  tenants: readonly string[];
  mint(claims: { sub: string; tenant: string; roles: Role[] }): Promise<string>;
}

export interface ConsoleSettings {
  /** The built console (vite build output). */
  assetsDir: string;
  devTokens?: DevTokenMinter;
}

const MAX_BODY_BYTES = 1024;

/**
 * /console: the web console's files (any other path below it is the single-page app's index.html, which routes in
 * the browser), and in development /console/dev-token, which signs a token for a demo tenant and role. The console is
 * only a client of /graphql: it gets no rights of its own.
 */
export function consoleRoutes(settings: ConsoleSettings) {
  return async (request: IncomingMessage, response: ServerResponse, path: string): Promise<void> => {
    if (path === '/console/dev-token') return devToken(settings.devTokens, request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/console') {
      response.writeHead(308, { location: '/console/' }).end();
      return;
    }
    const relative = path.slice('/console/'.length);
    if (relative && (await serveStaticFile(settings.assetsDir, relative, response))) return;
    if (relative.startsWith('assets/') || !(await serveStaticFile(settings.assetsDir, 'index.html', response))) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(relative.startsWith('assets/') ? 'Not found' : 'The console is not built: run `npm run build` (CONSOLE_DIR).');
    }
  };
}

async function devToken(minter: DevTokenMinter | undefined, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const json = (status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };
  if (!minter) return json(404, { error: 'Development tokens are not available: production mode, or not HS256.' });
  if (request.method === 'GET') return json(200, { tenants: minter.tenants, roles: ROLES });
  if (request.method !== 'POST') return json(405, { error: 'GET or POST' });
  // A simple form post from another site cannot send JSON: asking for it keeps the route out of CSRF reach.
  if (!request.headers['content-type']?.startsWith('application/json')) return json(415, { error: 'Send application/json' });
  const body = await readBody(request);
  const { tenant, role, sub } = (body ?? {}) as { tenant?: unknown; role?: unknown; sub?: unknown };
  if (typeof tenant !== 'string' || !minter.tenants.includes(tenant))
    return json(400, { error: `tenant: one of ${minter.tenants.join(', ')}` });
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
    return json(400, { error: `role: one of ${ROLES.join(', ')}` });
  const subject = typeof sub === 'string' && /^[\w.@-]{1,64}$/.test(sub) ? sub : `${tenant}-${role}`;
  const roles: Role[] = role === 'admin' ? ['staff', 'admin'] : [role as Role];
  return json(200, { token: await minter.mint({ sub: subject, tenant, roles }), sub: subject, tenant, roles });
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > MAX_BODY_BYTES) return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

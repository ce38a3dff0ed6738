import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRoutes, type ConsoleSettings } from './console-routes.js';

describe('/console: the built web console and development sign-in', () => {
  let root: string;
  let dir: string;
  const servers: Server[] = [];
  const serve = async (settings: Omit<ConsoleSettings, 'assetsDir'>) => {
    const routes = consoleRoutes({ assetsDir: dir, ...settings });
    const server = createServer((request, response) => void routes(request, response, new URL(request.url!, 'http://x').pathname));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ragline-console-'));
    dir = join(root, 'console');
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>RAGline console</title>');
    await writeFile(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    await writeFile(join(root, 'secret.txt'), 'outside');
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves built files, the app for client-side routes, and nothing outside its folder', async () => {
    const base = await serve({});
    const asset = await fetch(`${base}/console/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await (await fetch(`${base}/console/kitchen`)).text()).toContain('RAGline console');
    expect((await fetch(`${base}/console`, { redirect: 'manual' })).headers.get('location')).toBe('/console/');
    expect((await fetch(`${base}/console/assets/missing.js`)).status).toBe(404);
    const escaped = await fetch(`${base}/console/..%2F..%2Fsecret.txt`);
    expect(await escaped.text()).not.toContain('outside');
    expect((await fetch(`${base}/console/`, { method: 'POST' })).status).toBe(405);
  });

  it('mints a development token for a demo tenant and role, and checks what it is asked', async () => {
    const minted: unknown[] = [];
    const base = await serve({ devTokens: { tenants: ['demo'], mint: async (claims) => (minted.push(claims), 'signed') } });
    const post = (body: unknown, type = 'application/json') =>
      fetch(`${base}/console/dev-token`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });
    expect(await (await fetch(`${base}/console/dev-token`)).json()).toEqual({
      tenants: ['demo'],
      roles: ['customer', 'staff', 'admin', 'operator'],
    });
    expect(await (await post({ tenant: 'demo', role: 'staff' })).json()).toMatchObject({ token: 'signed', roles: ['staff'] });
    expect(minted).toEqual([{ sub: 'demo-staff', tenant: 'demo', roles: ['staff'] }]);
    expect((await post({ tenant: 'other', role: 'staff' })).status).toBe(400);
    expect((await post({ tenant: 'demo', role: 'root' })).status).toBe(400);
    expect((await post({ tenant: 'demo', role: 'staff' }, 'text/plain')).status).toBe(415);
  });

  it('has no development sign-in when none is configured (production)', async () => {
    const base = await serve({});
    expect(
      (await fetch(`${base}/console/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status,
    ).toBe(404);
  });
});

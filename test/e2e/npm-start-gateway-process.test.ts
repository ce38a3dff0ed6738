import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../../platform/auth/jwt.js';
import { loadConfig } from '../../platform/config.js';
import { waitFor } from '../support/wait-for.js';

const START_ALL = 'dist/commands/start-all.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Whether `pid` holds the listening socket of 127.0.0.1:`port` (its inode in /proc/net/tcp among the process's fds). */
function listensOn(pid: number, port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inode = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A')?.[9];
  if (!inode) return false;
  return readdirSync(`/proc/${pid}/fd`).some((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
    } catch {
      return false;
    }
  });
}

/** `npm start` (the compiled dist/commands/start-all.js; CI builds before testing) with its gateway in a child process. */
describe('npm start runs the gateway in a child process of its own', () => {
  let parent: ChildProcess;
  let dataDir: string;
  let gatewayPort: number;

  beforeAll(async () => {
    if (!existsSync(START_ALL)) throw new Error(`${START_ALL} is missing: run \`npm run build\` first`);
    dataDir = await mkdtemp(join(tmpdir(), 'ragline-start-all-'));
    const ports = await Promise.all(Array.from({ length: 5 }, freePort));
    gatewayPort = ports[0]!;
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', DATA_DIR: dataDir, PORT: String(gatewayPort) };
    // Embedded defaults whatever the test run's environment names: this test is about the processes, not the stores.
    for (const key of Object.keys(env))
      if (key === 'REDIS_URL' || key.endsWith('DATABASE_URL') || key === 'GATEWAY_PROCESS') delete env[key];
    ['ORDERS', 'KNOWLEDGE', 'ASSISTANT', 'OBSERVABILITY'].forEach((name, index) => (env[`${name}_PORT`] = String(ports[index + 1])));
    env.GATEWAY_PROCESS = 'own';
    env.OPERATION_TIMINGS_WINDOW_SECONDS = '1';
    parent = spawn(process.execPath, [START_ALL], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    parent.stdout!.on('data', (chunk) => (output += chunk));
    await waitFor(() => output.includes('RAGline is running') || parent.exitCode !== null, 'npm start to print its banner', 150_000);
    expect(parent.exitCode).toBeNull();
  }, 180_000);

  /** A query through the child's gateway: its data, once it is checked to carry no errors. */
  const call = async (query: string, token: string) => {
    const response = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  afterAll(async () => {
    if (parent && parent.exitCode === null) parent.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("reports the child gateway's operation durations to observability over the parent's in-process bus", async () => {
    const config = loadConfig();
    const customer = await signDevToken(config, { sub: 'start-all-timed', tenant: 'demo', roles: ['customer'] });
    const staff = await signDevToken(config, { sub: 'start-all-staff', tenant: 'demo', roles: ['staff'] });
    await call('query StartAllTimedMenu { products(first: 1) { edges { node { id } } } }', customer);
    // No Redis here: only the IPC relay to npm start's bus can bring the child's one-second window to observability.
    await waitFor(
      async () =>
        (await call('{ slowestOperations(limit: 100) { operationName calls } }', staff)).slowestOperations.some(
          (operation: { operationName: string; calls: number }) => operation.operationName === 'StartAllTimedMenu' && operation.calls === 1,
        ),
      'StartAllTimedMenu in slowestOperations',
      20_000,
    );
  }, 30_000);

  it('answers through a gateway listening in the child, which stops when npm start dies', async () => {
    const token = await signDevToken(loadConfig(), { sub: 'start-all-customer', tenant: 'demo', roles: ['customer'] });
    expect((await call('{ products(first: 2) { edges { node { id name } } } }', token)).products.edges).toHaveLength(2);

    const children = readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number);
    expect(children).toHaveLength(1);
    const gatewayPid = children[0]!;
    expect(listensOn(gatewayPid, gatewayPort)).toBe(true);
    expect(listensOn(parent.pid!, gatewayPort)).toBe(false);

    // However npm start ends, its gateway must not outlive it and keep the port.
    parent.kill('SIGKILL');
    await waitFor(
      () => !existsSync(`/proc/${gatewayPid}`) || readFileSync(`/proc/${gatewayPid}/stat`, 'utf8').includes(') Z'),
      'the gateway child to exit',
      30_000,
    );
  }, 60_000);
});

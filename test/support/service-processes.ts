import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';
import { waitFor } from './wait-for.js';
import { postGraphQL, type GraphQLRequestOptions } from './gateway-requests.js';

export const START_SERVICE = 'dist/commands/start-service.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ServiceProcess {
  name: string;
  pid: number;
  /** http://127.0.0.1:PORT (no path). */
  origin: string;
  child: ChildProcess;
  /** The last lines it printed, for a failure's message. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, sockets are closed by the kernel, as when a machine or container dies. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

/** The last 200 lines a child printed: enough to see why a service did not start, or what it logged at the end. */
function captureOutput(child: ChildProcess): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 200));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/**
 * One service of the compiled supergraph in a process of its own (`node dist/commands/start-service.js <service>`, as
 * production runs it), listening on `port`; resolves once its /readyz answers 200. The build must be current
 * (`npm run build`; CI builds before testing).
 */
export async function startServiceProcess(
  name: string,
  port: number,
  env: NodeJS.ProcessEnv,
  startTimeoutMs = 60_000,
): Promise<ServiceProcess> {
  if (!existsSync(START_SERVICE)) throw new Error(`${START_SERVICE} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [START_SERVICE, name], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child);
  const origin = `http://127.0.0.1:${port}`;
  const service: ServiceProcess = {
    name,
    pid: child.pid!,
    origin,
    child,
    output,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited(child);
      clearTimeout(timer);
    },
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output()}`);
        return fetch(`${origin}/readyz`).then(
          (response) => response.ok,
          () => false,
        );
      },
      `${name} on port ${port} to be ready`,
      startTimeoutMs,
    );
  } catch (error) {
    await service.stop();
    throw new Error(`${(error as Error).message}\n${output()}`, { cause: error });
  }
  return service;
}

export interface PgliteWireServer {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  stop(): Promise<void>;
}

/** test/support/pglite-wire-server.ts in a process of its own: one PGlite with pgvector that several processes share. */
export async function startPgliteWireServer({ unguarded = false } = {}): Promise<PgliteWireServer> {
  const child = spawn(process.execPath, ['test/support/pglite-wire-server.ts', ...(unguarded ? ['--unguarded'] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  let port: number | undefined;
  child.stdout!.on('data', (chunk: Buffer) => {
    const match = /\{"port":(\d+)\}/.exec(chunk.toString());
    if (match) port = Number(match[1]);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // A backend left waiting for a dead client's Sync (--unguarded) never finishes closing.
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.kill('SIGTERM');
    await exited(child);
    clearTimeout(timer);
  };
  try {
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`the PGlite wire server exited with ${child.exitCode}:\n${output()}`);
        return port !== undefined;
      },
      'the PGlite wire server to listen',
      30_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

/** A gateway process as the end-to-end helpers call one (test/e2e/assistant-helpers.ts GatewayCaller). */
export function gatewayCaller(origin: string) {
  const url = `${origin}/graphql`;
  return {
    gateway: { url, wsUrl: url.replace(/^http/, 'ws') },
    request: <T = any>(query: string, variables?: Record<string, unknown>, options?: GraphQLRequestOptions) =>
      postGraphQL<T>(url, query, variables, options),
  };
}

/**
 * A database of its own on the PostgreSQL server `serverUrl` names, for processes that use the subgraphs' default
 * schemas (start-service has no schema prefix); `drop` removes it, whoever is still connected.
 */
export async function createScratchDatabase(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from './wait-for.js';

export const HIVE_GATEWAY_VERSION = '2.15.1';

/** Where Hive Gateway is installed, outside the repository, and reused by later runs (not a project dependency). */
export const hiveGatewayFolder = join(process.env.TMPDIR ?? tmpdir(), `ragline-hive-gateway-${HIVE_GATEWAY_VERSION}`);
const bin = join(hiveGatewayFolder, 'node_modules/@graphql-hive/gateway/dist/bin.js');

export type HiveInstall = { installed: true } | { installed: false; registryUnreachable: string };

/**
 * Installs @graphql-hive/gateway with plain `npm i` when the cache folder lacks it (about a minute here). The override
 * works around a registry gap (../shared/notes/stack-facts.md). A failed install throws unless the registry does not
 * answer `npm ping`: then the caller says so and skips, as nothing can be installed on this machine.
 */
export async function ensureHiveGateway(): Promise<HiveInstall> {
  if (existsSync(bin)) return { installed: true };
  await mkdir(hiveGatewayFolder, { recursive: true });
  await writeFile(
    join(hiveGatewayFolder, 'package.json'),
    JSON.stringify({
      name: 'ragline-hive-gateway-scratch',
      private: true,
      dependencies: { '@graphql-hive/gateway': HIVE_GATEWAY_VERSION },
      overrides: { '@graphql-tools/delegate': '12.2.1' },
    }),
  );
  const run = promisify(execFile);
  try {
    await run('npm', ['i', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: hiveGatewayFolder, timeout: 600_000 });
  } catch (error) {
    const ping = await run('npm', ['ping'], { timeout: 30_000 }).then(
      () => undefined,
      (pingError: Error) => pingError.message,
    );
    if (ping !== undefined) return { installed: false, registryUnreachable: ping };
    throw new Error(`npm i @graphql-hive/gateway@${HIVE_GATEWAY_VERSION} failed in ${hiveGatewayFolder}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!existsSync(bin)) throw new Error(`npm i finished but ${bin} is missing`);
  return { installed: true };
}

export interface RunningHiveGateway {
  url: string;
  /** The gateway's own process (benchmarks read its CPU time). */
  pid: number;
  wsUrl: string;
  output(): string;
  close(): Promise<void>;
}

/**
 * Starts Hive Gateway on a free port over our committed supergraph (schema/supergraph.graphql) with its subgraph URLs
 * pointed at the running subgraphs, and the configuration docs/deploy.md documents (gateway.config.mjs).
 */
export async function startHiveGateway(subgraphUrls: Record<string, string>): Promise<RunningHiveGateway> {
  const folder = await mkdtemp(join(tmpdir(), 'ragline-hive-run-'));
  let supergraph = await readFile('schema/supergraph.graphql', 'utf8');
  for (const [name, url] of Object.entries(subgraphUrls)) {
    supergraph = supergraph.replace(new RegExp(`(name: "${name}", url: ")[^"]+"`), `$1${url}"`);
  }
  await writeFile(join(folder, 'supergraph.graphql'), supergraph);
  await writeFile(join(folder, 'gateway.config.mjs'), await readFile('deploy/hive-gateway/gateway.config.mjs', 'utf8'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, 'supergraph', 'supergraph.graphql', '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: folder,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}/graphql`;
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`Hive Gateway exited (${child.exitCode}):\n${output}`);
        return fetch(`http://127.0.0.1:${port}/healthcheck`).then(
          (r) => r.ok,
          () => false,
        );
      },
      'Hive Gateway to answer /healthcheck',
      120_000,
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { url, pid: child.pid!, wsUrl: url.replace(/^http/, 'ws'), output: () => output, close };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

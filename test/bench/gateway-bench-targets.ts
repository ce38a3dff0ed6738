import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ensureHiveGateway, startHiveGateway } from '../support/hive-gateway.js';
import { waitFor } from '../support/wait-for.js';
import type { ServerProcess } from './start-server-process.js';

/** One gateway (or the direct-to-subgraph baseline) the bench sends load to. */
export interface BenchTarget {
  name: string;
  url: string;
  /** The process whose CPU time counts as the gateway's; undefined when the gateway shares the subgraphs' process. */
  pid: number | undefined;
  stop(): Promise<void>;
}

export const SUBGRAPHS = ['orders', 'knowledge', 'assistant', 'observability'] as const;

/** utime + stime of a process in milliseconds, from /proc/PID/stat (fields 14 and 15, in clock ticks of 10 ms here). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The one child process of `pid` (`npm start`'s gateway, commands/gateway-process.ts). */
export function childPid(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number);
  if (children.length !== 1) throw new Error(`expected one child process of ${pid} (the gateway), found ${children.length}`);
  return children[0]!;
}

/** RAGline's gateway in a process of its own (`npm run start:gateway`), on the subgraphs of the `npm start` process. */
export async function startRaglineGatewayProcess(
  server: ServerProcess,
  port: number,
  nodeArgs: string[] = [],
  /** Another build's root (a checkout with its own `dist/`), measured under its own name: A/B of two versions in one run. */
  build: { root: string; name: string } = { root: '.', name: 'RAGline, own process' },
): Promise<BenchTarget> {
  const env = {
    ...process.env,
    LOG_LEVEL: 'warn',
    RATE_LIMITS: 'off',
    PORT: String(port),
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, server.subgraphUrl(name)])),
  };
  const child = spawn(process.execPath, [...nodeArgs, 'dist/commands/start-service.js', 'gateway'], {
    env,
    cwd: build.root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitUntilAnswering(child, `http://127.0.0.1:${port}/readyz`, build.name);
  return { name: build.name, url: `http://127.0.0.1:${port}/graphql`, pid: child.pid, stop: () => stopChild(child) };
}

/** The stock @apollo/gateway of stock-apollo-gateway.ts, in a process of its own. */
export async function startStockGateway(server: ServerProcess, port: number): Promise<BenchTarget> {
  const routes = SUBGRAPHS.map((name) => `${name}=${server.subgraphUrl(name)}`);
  const child = spawn(process.execPath, ['.build/test/bench/stock-apollo-gateway.js', String(port), ...routes], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitUntilAnswering(child, url, 'stock @apollo/gateway', { method: 'POST', body: '{"query":"{__typename}"}' });
  return { name: 'stock @apollo/gateway', url, pid: child.pid, stop: () => stopChild(child) };
}

/** Hive Gateway, installed on first use into a scratch folder outside the repository (test/support/hive-gateway.ts). */
export async function startHive(server: ServerProcess): Promise<BenchTarget | string> {
  const install = await ensureHiveGateway();
  if (!install.installed) return `Hive Gateway not measured: the npm registry is unreachable (${install.registryUnreachable})`;
  const hive = await startHiveGateway(Object.fromEntries(SUBGRAPHS.map((name) => [name, server.subgraphUrl(name)])));
  return { name: 'Hive Gateway', url: hive.url, pid: hive.pid, stop: () => hive.close() };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function waitUntilAnswering(child: ChildProcess, url: string, name: string, init: RequestInit = {}): Promise<void> {
  const request = { ...init, headers: { 'content-type': 'application/json' } };
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
      return fetch(url, request).then(
        (response) => response.ok,
        () => false,
      );
    },
    `${name} to answer ${url}`,
    60_000,
  );
}

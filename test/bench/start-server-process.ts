import { spawn, type ChildProcess } from 'node:child_process';
import { startRoundRobinProxy } from './round-robin-proxy.js';
import { mkdtemp } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServerProcess {
  gatewayUrl: string;
  /** The single process of `npm start` (undefined with `perService`): benchmarks read its CPU time. */
  pid: number | undefined;
  /** Every server process (one with `npm start`, one per service and replica with `perService`): their CPU time. */
  pids: number[];
  subgraphUrl(name: string): string;
  stop(): Promise<void>;
}

const SUBGRAPH_PORT_OFFSETS = { orders: 1, knowledge: 2, assistant: 3, observability: 4 } as const;

/**
 * Runs the compiled supergraph in processes of its own, so benchmark clients and servers do not share one event loop:
 * `npm start`'s single process (embedded defaults, fresh data directory, unless the environment names services), or
 * with `perService` (needs REDIS_URL) one process per service as in production (`npm run start:<service>`). `env`
 * overrides the child's environment (after the bench defaults).
 */
export async function startServerProcess(
  basePort = 4600,
  {
    perService = false,
    assistantReplicas = 1,
    env: overrides = {},
  }: { perService?: boolean; assistantReplicas?: number; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ragline-bench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    // Benchmarks measure latency and throughput of one tenant's many users, far past a shop's per-tenant budgets.
    RATE_LIMITS: 'off',
    DATA_DIR: dataDir,
    PORT: String(basePort),
    ...Object.fromEntries(
      Object.entries(SUBGRAPH_PORT_OFFSETS).map(([name, offset]) => [`${name.toUpperCase()}_PORT`, String(basePort + offset)]),
    ),
    // A bench that needs production's limits (bench:abuse) turns them back on here.
    ...overrides,
  };
  // Per service, the seed runs in a process of its own first: an in-memory database would leave the service's empty.
  if (perService && env.KNOWLEDGE_DATABASE_URL === 'pglite:memory') env.KNOWLEDGE_DATABASE_URL = `pglite:${dataDir}/knowledge`;
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  // A busy shared machine can take longer than a minute to start the embedded supergraph (seeding, indexing).
  const startTimeoutMs = Number(process.env.BENCH_START_TIMEOUT_MS ?? 180_000);
  const children: ChildProcess[] = [];
  let balancer: { close(): Promise<void> } | undefined;
  const stop = () =>
    Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    ).then(() => balancer?.close());
  try {
    if (perService) {
      // Production services never seed at start: the bench seeds the demo tenant first, as an operator would.
      await runToEnd(
        spawn(process.execPath, [...nodeArgs, 'dist/commands/seed.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] }),
        'seed',
      );
      // Subgraphs first: the gateway loads the supergraph and then serves requests that reach them.
      for (const name of [...Object.keys(SUBGRAPH_PORT_OFFSETS), 'gateway']) {
        const port = name === 'gateway' ? basePort : basePort + SUBGRAPH_PORT_OFFSETS[name as keyof typeof SUBGRAPH_PORT_OFFSETS];
        // Several assistant replicas listen on ports of their own behind a round-robin balancer on the assistant's port.
        const replicaPorts =
          name === 'assistant' && assistantReplicas > 1 ? Array.from({ length: assistantReplicas }, (_, i) => basePort + 10 + i) : [port];
        for (const replicaPort of replicaPorts) {
          const child = spawn(process.execPath, [...nodeArgs, 'dist/commands/start-service.js', name], {
            env: { ...env, [`${name.toUpperCase()}_PORT`]: String(replicaPort) },
            stdio: ['ignore', 'ignore', 'inherit'],
          });
          children.push(child);
          await waitUntilReady(child, `http://127.0.0.1:${replicaPort}/readyz`, name);
        }
        if (replicaPorts.length > 1) balancer = await startRoundRobinProxy(port, replicaPorts);
      }
    } else {
      const child = spawn(process.execPath, [...npmStartNodeFlags(), ...nodeArgs, 'dist/commands/start-all.js'], {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the supergraph did not start within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
        child.once('exit', (code) => reject(new Error(`the supergraph exited with ${code}`)));
        child.stdout!.on('data', (chunk: Buffer) => {
          // The server logs JSON lines to stdout: a bench shows its errors and fatal lines, not only a bare code.
          for (const line of chunk.toString().split('\n')) if (/"level":"(error|fatal)"/.test(line)) console.error(`server: ${line}`);
          if (chunk.toString().includes('RAGline is running')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrl: `http://127.0.0.1:${basePort}/graphql`,
    pid: perService ? undefined : children[0]?.pid,
    pids: children.map((child) => child.pid!),
    subgraphUrl: (name) => `http://127.0.0.1:${basePort + SUBGRAPH_PORT_OFFSETS[name as keyof typeof SUBGRAPH_PORT_OFFSETS]}/graphql`,
    stop,
  };
}

/** The Node flags `npm start` gives the supergraph (package.json), so benchmarks measure the process users run. */
function npmStartNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const flags = /\bnode ((?:--\S+ )*)dist\/commands\/start-all\.js/.exec(scripts.start ?? '');
  if (!flags) throw new Error('package.json: the start script no longer runs node … dist/commands/start-all.js');
  return flags[1]!.split(' ').filter(Boolean);
}

function runToEnd(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}`))));
  });
}

async function waitUntilReady(child: ChildProcess, url: string, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    const ready = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} was not ready within 60 s`);
}

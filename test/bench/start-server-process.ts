import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface ServerProcess {
  gatewayUrl: string;
  subgraphUrl(name: string): string;
  stop(): Promise<void>;
}

/**
 * Runs the compiled supergraph (`npm start`'s entry point) in its own process, so benchmark clients and servers do not
 * share one event loop. Embedded defaults (fresh data directory) unless the environment names services.
 */
export async function startServerProcess(basePort = 4600): Promise<ServerProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ragline-bench-'));
  const env = {
    ...process.env,
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    PORT: String(basePort),
    ORDERS_PORT: String(basePort + 1),
    KNOWLEDGE_PORT: String(basePort + 2),
    ASSISTANT_PORT: String(basePort + 3),
    OBSERVABILITY_PORT: String(basePort + 4),
  };
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'dist/platform/commands/start-all.js'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the supergraph did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the supergraph exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('RAGline is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const ports: Record<string, number> = { orders: basePort + 1, knowledge: basePort + 2, assistant: basePort + 3, observability: basePort + 4 };
  return {
    gatewayUrl: `http://127.0.0.1:${basePort}/graphql`,
    subgraphUrl: (name) => `http://127.0.0.1:${ports[name]}/graphql`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

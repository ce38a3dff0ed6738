import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Config } from '../platform/config.js';
import type { EventBus } from '../platform/events/event-bus.js';
import { publishForChild } from '../platform/events/parent-process-relay.js';
import type { Logger } from '../platform/logger.js';

export interface GatewayProcess {
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

/**
 * `npm start`'s gateway in a child process (`start-service.js gateway`, as in production) on the subgraphs of this
 * process: with the subgraphs in one event loop it kept 0.4 of a subgraph's throughput, in its own about 0.65
 * (issue 22, docs/benchmarks.md). It inherits the environment, so every setting applies to it as to the subgraphs.
 * Without Redis it publishes its operation timings on `bus`, the subgraphs' in-process bus, over the IPC channel.
 */
export async function startGatewayProcess(
  config: Config,
  subgraphUrls: Record<string, string>,
  { bus, logger }: { bus: EventBus; logger: Logger },
): Promise<GatewayProcess> {
  const script = fileURLToPath(new URL('./start-service.js', import.meta.url));
  const env = {
    ...process.env,
    ...Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url])),
  };
  // The IPC channel closes when this process dies, however it dies: the child then stops too (start-service.ts).
  const child = spawn(process.execPath, [...process.execArgv, script, 'gateway'], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (!config.REDIS_URL) publishForChild(child, bus, logger);
  const origin = `http://${config.HOST}:${config.PORT}`;
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${origin}/readyz`).then(
      (response) => response.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null) throw new Error(`the gateway process exited with ${child.exitCode}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('the gateway process was not ready within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `${origin}/graphql`,
    wsUrl: `ws://${config.HOST}:${config.PORT}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

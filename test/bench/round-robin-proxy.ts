import net from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

interface ProxyPorts {
  port: number;
  targets: number[];
}

/**
 * A TCP load balancer for benches: each new connection goes to the next target in turn, as an L4 balancer spreads
 * them. It runs in a worker thread of its own, as a real balancer runs in a process of its own: in the benchmark's
 * main thread every byte it forwarded waited behind the clients' own work, and that wait counted as the platform's.
 */
export async function startRoundRobinProxy(port: number, targets: number[]): Promise<{ close(): Promise<void> }> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { port, targets } satisfies ProxyPorts });
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => resolve());
  });
  return {
    close: async () => {
      await worker.terminate();
    },
  };
}

async function balance({ port, targets }: ProxyPorts): Promise<void> {
  let next = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(targets[next++ % targets.length]!, '127.0.0.1');
    for (const socket of [client, upstream]) socket.on('error', () => (socket === client ? upstream : client).destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
}

if (!isMainThread && (workerData as ProxyPorts | undefined)?.targets) {
  await balance(workerData as ProxyPorts);
  parentPort!.postMessage('listening');
}

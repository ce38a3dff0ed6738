import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP forwarder tests put between a client and a shared server (Redis) to simulate a network outage without stopping
 * the server other tests use: `cut()` resets every connection and refuses new ones until `restore()`.
 */
export class CuttableTcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private listeningPort = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  get port(): number {
    return this.listeningPort;
  }

  /** Listens on an ephemeral port the first time, and on the same port again after a cut. */
  async start(): Promise<number> {
    const server = createServer((client) => this.forward(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listeningPort, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.listeningPort = (server.address() as AddressInfo).port;
    return this.listeningPort;
  }

  /** Resolves once nothing is connected or listening: clients see connection resets, then refused connections. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
    await closed;
  }

  async restore(): Promise<void> {
    await this.start();
  }

  close(): Promise<void> {
    return this.cut();
  }

  private forward(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

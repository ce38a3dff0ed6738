import type { Server } from 'graphql-ws';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
/** What a client sees when nothing answers (the server closed): as a refused TCP connection, no close handshake. */
const ABNORMAL_CLOSURE = 1006;

/** What the graphql-ws server hands to its hooks as `ctx.extra` for a socket opened in process (no HTTP request). */
export interface InProcessSocketExtra {
  socket: { readonly readyState: number; close(code?: number, reason?: string): unknown };
  request: undefined;
}

/** The `webSocketImpl` a graphql-ws client in this process uses to reach a server of this process without a socket. */
export interface InProcessWebSocketClass {
  new (url: string, protocol?: string | string[]): object;
  readonly OPEN: number;
  readonly CLOSING: number;
}

export interface InProcessGraphqlWs {
  WebSocket: InProcessWebSocketClass;
  openSockets(): number;
  /** Drops every socket without a close handshake (what `terminateAll` does to network sockets). */
  terminateAll(): void;
  /** Closes every socket with 1001 and answers later connections as a closed port does. */
  close(): void;
}

/**
 * A graphql-ws server's connections from a client in the same process (the gateway beside its subgraphs in `npm
 * start`): the client's WebSocket is an object whose messages go straight to the server's `opened` socket and back, so
 * each subscription event is not framed, written to and read from a loopback socket on both sides of one event loop.
 * Messages are still graphql-ws text, in order, each delivered on a later microtask (never inside the sender's call).
 */
export function inProcessGraphqlWs(server: Server<InProcessSocketExtra>): InProcessGraphqlWs {
  const open = new Set<InProcessWebSocket>();
  let closed = false;

  class InProcessWebSocket {
    static readonly CONNECTING = CONNECTING;
    static readonly OPEN = OPEN;
    static readonly CLOSING = CLOSING;
    static readonly CLOSED = CLOSED;
    readonly CONNECTING = CONNECTING;
    readonly OPEN = OPEN;
    readonly CLOSING = CLOSING;
    readonly CLOSED = CLOSED;
    readyState = CONNECTING;
    readonly protocol: string;
    onopen: ((event: object) => void) | null = null;
    onmessage: ((event: { data: string }) => void) | null = null;
    onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
    onerror: ((event: { error: Error; message: string }) => void) | null = null;
    private toServer: ((data: string) => Promise<void>) | undefined;
    private serverClosed: ((code?: number, reason?: string) => Promise<void>) | undefined;

    constructor(_url: string, protocol?: string | string[]) {
      this.protocol = (Array.isArray(protocol) ? protocol[0] : protocol) ?? '';
      // A socket opens on a later turn of the event loop, after its creator has set its handlers.
      setImmediate(() => this.connect());
    }

    send(data: string): void {
      if (this.readyState !== OPEN) return;
      queueMicrotask(() => {
        if (this.readyState !== OPEN || !this.toServer) return;
        // Resolves when the operation the message started ends (a subscription: when it completes), so never awaited.
        this.toServer(data).catch(() => this.end(CLOSING_INTERNAL_ERROR, 'Internal server error'));
      });
    }

    close(code = 1000, reason = ''): void {
      if (this.readyState === CLOSING || this.readyState === CLOSED) return;
      this.readyState = CLOSING;
      queueMicrotask(() => this.end(code, reason));
    }

    /** No close handshake: the client sees 1006, as when the server's process dies. */
    terminate(): void {
      this.end(ABNORMAL_CLOSURE, '');
    }

    private connect(): void {
      if (this.readyState !== CONNECTING) return;
      if (closed) {
        this.onerror?.({ error: new Error('the in-process server is closed'), message: 'the in-process server is closed' });
        this.end(ABNORMAL_CLOSURE, '');
        return;
      }
      this.readyState = OPEN;
      open.add(this);
      this.serverClosed = server.opened(
        {
          protocol: this.protocol,
          send: (data) => {
            if (this.readyState !== OPEN) return;
            queueMicrotask(() => {
              if (this.readyState === OPEN) this.onmessage?.({ data });
            });
          },
          close: (code, reason) => this.close(code, reason),
          onMessage: (callback) => {
            this.toServer = callback;
          },
        },
        // The server's hooks close "their" socket through it (e.g. a refused connection_init): this is that socket.
        { socket: this, request: undefined },
      );
      this.onopen?.({});
    }

    private end(code: number, reason: string): void {
      if (this.readyState === CLOSED) return;
      this.readyState = CLOSED;
      open.delete(this);
      // The server ends the socket's operations (their iterators' return, onDisconnect); nobody awaits that here.
      this.serverClosed?.(code, reason).catch(() => undefined);
      this.onclose?.({ code, reason, wasClean: code !== ABNORMAL_CLOSURE });
    }
  }

  return {
    WebSocket: InProcessWebSocket,
    openSockets: () => open.size,
    terminateAll: () => [...open].forEach((socket) => socket.terminate()),
    close: () => {
      closed = true;
      for (const socket of [...open]) socket.close(1001, 'Going away');
    },
  };
}

/** graphql-ws' CloseCode.InternalServerError; a message the server could not handle closes the socket with it. */
const CLOSING_INTERNAL_ERROR = 4500;

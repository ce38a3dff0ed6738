import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { InProcessWebSocketClass } from '../../platform/server/in-process-graphql-ws.js';

/** Interval of graphql-ws pings to each subgraph. */
const KEEP_ALIVE_MS = 12_000;
/** A ping unanswered for this long means a half-open socket. */
const PONG_TIMEOUT_MS = 6_000;
/**
 * How long a socket stays open after its last subscription: a chat app subscribes once per message, and reopening
 * (TCP, upgrade, connection_init with the token verified again) cost both sides CPU on every message.
 */
const IDLE_CLOSE_MS = 30_000;
/** A subgraph that accepts the socket but never acknowledges the connection fails after this long. */
const ACK_TIMEOUT_MS = 10_000;

/**
 * A graphql-ws client to one subgraph: lazy (the socket opens with the first subscription and closes once it has had
 * none for IDLE_CLOSE_MS, or with the client's connection), never retrying, so a failure reaches the subscriptions at
 * once instead of being hidden behind reconnects.
 */
export function createUpstreamClient(
  url: string,
  connectionParams: Record<string, unknown>,
  inProcessWebSocket?: InProcessWebSocketClass,
): Client {
  let socket: WebSocket | undefined;
  let pongTimer: NodeJS.Timeout | undefined;
  return createClient({
    url,
    webSocketImpl: inProcessWebSocket ?? WebSocket,
    connectionParams,
    lazy: true,
    lazyCloseTimeout: IDLE_CLOSE_MS,
    retryAttempts: 0,
    connectionAckWaitTimeout: ACK_TIMEOUT_MS,
    keepAlive: KEEP_ALIVE_MS,
    on: {
      connected: (connected) => {
        socket = connected as WebSocket;
      },
      // a ping left unanswered means a half-open socket: close it so its subscriptions fail instead of hanging
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => {
          if (socket?.readyState === WebSocket.OPEN) socket.close(4408, 'Upstream keep-alive timeout');
        }, PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      closed: () => {
        clearTimeout(pongTimer);
        socket = undefined;
      },
    },
  });
}

/** A short, log-safe description of a socket failure (CloseEvent, ErrorEvent or Error). */
export function describeSocketFailure(cause: unknown): string {
  if (cause && typeof cause === 'object') {
    const { code, reason, message } = cause as { code?: unknown; reason?: unknown; message?: unknown };
    if (typeof code === 'number') return `socket closed (${code}${reason ? `: ${String(reason)}` : ''})`;
    if (typeof message === 'string' && message) return message;
    const inner = (cause as { error?: unknown }).error;
    if (inner instanceof Error) return inner.message;
  }
  return String(cause);
}

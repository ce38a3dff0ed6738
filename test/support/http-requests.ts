import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/**
 * Where every HTTP request this process starts goes, until `stop`: node:http's channel, and undici's (fetch and the
 * gateway's subgraph pools, undici bundled with Node or from npm, report there instead).
 */
export function recordHttpRequests(): { targets: { hostname: string; port: number }[]; stop(): void } {
  const targets: { hostname: string; port: number }[] = [];
  const record = (origin: string) => {
    const url = new URL(origin);
    targets.push({ hostname: url.hostname, port: Number(url.port) });
  };
  const onNodeHttp = (message: unknown) => record(`http://${String((message as { request: ClientRequest }).request.getHeader('host'))}`);
  const onUndici = (message: unknown) => record((message as { request: { origin: string } }).request.origin);
  subscribe('http.client.request.start', onNodeHttp);
  subscribe('undici:request:create', onUndici);
  return {
    targets,
    stop() {
      unsubscribe('http.client.request.start', onNodeHttp);
      unsubscribe('undici:request:create', onUndici);
    },
  };
}

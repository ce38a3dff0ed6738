import type { IncomingHttpHeaders } from 'node:http';
import type { InProcessHandler } from '../platform/telemetry/traced-in-process-handler.js';
import type { SubgraphTransport } from './subgraph-client.js';

/**
 * Calls to a subgraph that runs in this process (`npm start`'s one process, the end-to-end tests) go straight to its
 * yoga, the same handler its HTTP server runs, with the same headers and body; any other URL, or a subgraph that was
 * closed, goes over `network`.
 * In one process the socket bought nothing: the gateway's HTTP client and the subgraph's HTTP server parsed each call
 * and its answer on the same event loop (bench:gateway, `npm start` against direct, in docs/benchmarks.md).
 */
export function inProcessTransport(subgraphs: ReadonlyMap<string, InProcessHandler>, network: SubgraphTransport): SubgraphTransport {
  return async (call, headers) => {
    const serve = subgraphs.get(call.url);
    if (!serve) return network(call, headers);
    // The call starts on the next turn of the event loop, as a request written to a socket would: identical queries
    // of the clients read in the same turn are then still in flight together and share one call (in-flight-sharing.ts).
    await new Promise<void>((resolve) => setImmediate(resolve));
    const response = await serve({ url: call.url, headers, body: call.body });
    // Closed: the call meets the closed port, as it would from another process.
    if (!response) return network(call, headers);
    const answerHeaders: IncomingHttpHeaders = {};
    response.headers.forEach((value, name) => {
      answerHeaders[name.toLowerCase()] = value;
    });
    return { status: response.status, statusText: response.statusText, headers: answerHeaders, body: await response.text() };
  };
}

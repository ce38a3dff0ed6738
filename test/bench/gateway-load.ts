import autocannon from 'autocannon';
import { percentile } from './benchmark-report.js';
import { processCpuMs } from './gateway-bench-targets.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  /** CPU ms per request of each watched process (utime + stime over the run / responses). */
  cpuPerRequest: number[];
  /** Non-2xx, socket errors, timeouts and GraphQL `errors` in answers. */
  failures: number;
}

/**
 * Sends one GraphQL query for `seconds` over `connections` keep-alive connections. With several tokens, each request
 * takes the next in turn, so concurrent requests come from distinct users and no gateway can answer two with one fetch.
 */
export async function runLoad(
  url: string,
  query: string,
  tokens: string[],
  { seconds, connections, watchPids }: { seconds: number; connections: number; watchPids: number[] },
): Promise<LoadResult> {
  let next = 0;
  let graphqlErrors = 0;
  const latencies: number[] = [];
  const cpuBefore = watchPids.map(processCpuMs);
  const started = performance.now();
  const instance = autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` },
    body: JSON.stringify({ query }),
    requests: [
      {
        setupRequest: (request) =>
          tokens.length === 1
            ? request
            : { ...request, headers: { ...request.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` } },
        onResponse: (_status, body) =>
          void (body.startsWith('{"errors"') || body.includes('"errors":[') ? (graphqlErrors += 1) : undefined),
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, responseTimeMs) => void latencies.push(responseTimeMs));
  const result = await instance;
  const elapsedSeconds = (performance.now() - started) / 1000;
  const cpuAfter = watchPids.map(processCpuMs);
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / elapsedSeconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    cpuPerRequest: watchPids.map((_, index) => (cpuAfter[index]! - cpuBefore[index]!) / Math.max(1, latencies.length)),
    failures: result.non2xx + result.errors + result.timeouts + graphqlErrors,
  };
}

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** A stage of the gateway's work, named by the first frame (walking from the sample outwards) that matches a rule. */
const RULES: [stage: string, matches: (url: string, functionName: string) => boolean][] = [
  [
    'subgraph fetch incl. HTTP client',
    (url) =>
      /dist\/(gateway\/(subgraph-fetcher|subgraph-data-source|in-flight-sharing)|platform\/http\/)/.test(url) ||
      /node_modules\/(undici|node-fetch)\//.test(url) ||
      url.includes('@apollo/gateway/dist/datasources/') ||
      /^node:(internal\/)?_http_(client|agent)/.test(url) ||
      url.startsWith('node:internal/deps/undici'),
  ],
  [
    'server-side HTTP (request in, answer out)',
    (url) =>
      /dist\/(gateway\/(apollo-http-handler|gateway-server)|platform\/telemetry\/traced-http-handler)/.test(url) ||
      // The subgraph client is undici: in the gateway, node:http's own frames are the server's.
      /^node:_http_(server|outgoing|incoming|common)/.test(url),
  ],
  [
    'our plugins and per-request work (auth, logging, metrics, limits)',
    (url) =>
      /dist\/(gateway|platform)\//.test(url) || /node_modules\/(pino|prom-client|jose|rate-limiter-flexible|@escape\.tech)\//.test(url),
  ],
  [
    'query-plan execution (@apollo/gateway, federation-internals)',
    (url) => /node_modules\/@apollo\/(gateway|federation-internals|query-planner)\//.test(url),
  ],
  ['Apollo Server pipeline', (url) => /node_modules\/@apollo\/(server|utils\.[^/]+)\//.test(url)],
  ['tracing API (no-op here)', (url) => url.includes('node_modules/@opentelemetry/')],
];

/** The stage a sampled stack (innermost frame first) belongs to; JSON and V8's own pseudo-frames by the innermost frame. */
export function stageOf(stack: CallFrame[]): string {
  const leaf = stack[0]!;
  if (leaf.functionName === '(idle)') return '(idle)';
  if (leaf.functionName === '(garbage collector)') return 'garbage collection';
  if (!leaf.url && (leaf.functionName === 'parse' || leaf.functionName === 'stringify')) return 'JSON parse/stringify';
  for (const frame of stack) {
    for (const [stage, matches] of RULES) if (frame.url && matches(frame.url, frame.functionName)) return stage;
  }
  return 'other (V8, microtasks, Node internals outside a request)';
}

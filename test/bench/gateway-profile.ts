import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { markdownTable, publishReport, type Row } from './benchmark-report.js';
import { startRaglineGatewayProcess } from './gateway-bench-targets.js';
import { runLoad } from './gateway-load.js';
import { stageOf, type CallFrame } from './profile-stages.js';
import type { ServerProcess } from './start-server-process.js';

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

/** V8's .cpuprofile: times in microseconds; `samples[i]` is the node on top of the stack `timeDeltas[i]` after the last. */
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface ProfiledQuery {
  label: string;
  query: string;
}

/**
 * `npm run bench:gateway -- --profile`: RAGline's gateway in its own process under `node --cpu-prof`, each query from
 * distinct users in a gateway process of its own; every sample's stack is assigned to a stage (profile-stages.ts) and
 * the self time of functions is listed too.
 */
export async function profileGateway(
  server: ServerProcess,
  port: number,
  queries: ProfiledQuery[],
  tokens: string[],
  { seconds, connections }: { seconds: number; connections: number },
): Promise<void> {
  const sections: string[] = [];
  for (const { label, query } of queries) {
    const { profile, window, load } = await profiledRun(server, port, query, tokens, { seconds, connections });
    const { byStage, byFunction, busy } = summarise(profile, window);
    const cpuMs = load.cpuPerRequest[0]!;
    const table = (entries: Map<string, number>, limit: number, column: string): Row[] =>
      [...entries]
        .sort((a, b) => b[1] - a[1])
        .slice(0, limit)
        .map(([name, micros]) => ({
          [column]: name,
          'share of busy CPU %': ((100 * micros) / busy).toFixed(1),
          'µs CPU per request': ((micros / busy) * cpuMs * 1000).toFixed(0),
        }));
    sections.push(
      `### ${label}: ${load.requestsPerSecond.toFixed(0)} req/s, ${cpuMs.toFixed(2)} ms CPU per request (/proc, profiler on)`,
      `By stage (each sample goes to the innermost frame of its stack that names one):\n\n${markdownTable(table(byStage, 20, 'stage'))}`,
      `The 15 most expensive functions (self time):\n\n${markdownTable(table(byFunction, 15, 'function (module:line)'))}`,
    );
  }
  await publishReport(
    'bench:gateway profile',
    [
      `RAGline's gateway in its own process under \`node --cpu-prof\`, on the subgraphs of one \`npm start\` process; each query for ${seconds} s (after 2 s of warm-up) from ${tokens.length} distinct users over ${connections} connections, a fresh gateway process per query. Only samples taken while the load ran count (idle excluded). "µs CPU per request" spreads the /proc CPU per request by the shares. On a loaded machine a sample also lands while the process waits for a core, so the shares are of sampled time. Load average (1 min) at the end: ${os.loadavg()[0]!.toFixed(1)}.`,
      ...sections,
    ].join('\n\n'),
    [],
  );
}

async function profiledRun(
  server: ServerProcess,
  port: number,
  query: string,
  tokens: string[],
  { seconds, connections }: { seconds: number; connections: number },
) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ragline-gateway-profile-'));
  const gateway = await startRaglineGatewayProcess(server, port, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  // A short warm-up (JIT, caches) outside the window counted.
  await runLoad(gateway.url, query, tokens, { seconds: 2, connections, watchPids: [gateway.pid!] });
  const loadStarted = performance.now();
  const load = await runLoad(gateway.url, query, tokens, { seconds, connections, watchPids: [gateway.pid!] });
  const loadEnded = performance.now();
  await gateway.stop();
  // The profile ends when the process exits: count only the samples taken while the load ran, not start-up or shutdown.
  const stopped = performance.now();
  const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`node --cpu-prof wrote no profile into ${dir}`);
  const profile = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile;
  await rm(dir, { recursive: true, force: true });
  const window = { start: profile.endTime - (stopped - loadStarted) * 1000, end: profile.endTime - (stopped - loadEnded) * 1000 };
  return { profile, window, load };
}

function summarise(profile: CpuProfile, window: { start: number; end: number }) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const stages = new Map<number, string>();
  const stageOfNode = (id: number): string => {
    let stage = stages.get(id);
    if (stage === undefined) {
      const stack: CallFrame[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) stack.push(nodes.get(at)!.callFrame);
      stages.set(id, (stage = stageOf(stack)));
    }
    return stage;
  };
  const byStage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let time = profile.startTime;
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index]!;
    const delta = profile.timeDeltas[index + 1] ?? 0;
    const stage = stageOfNode(id);
    if (time < window.start || time > window.end || stage === '(idle)') return;
    byStage.set(stage, (byStage.get(stage) ?? 0) + delta);
    const frame = nodes.get(id)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} (${moduleOf(frame)}${frame.url ? `:${frame.lineNumber + 1}` : ''})`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
  });
  const busy = [...byStage.values()].reduce((sum, micros) => sum + micros, 0);
  return { byStage, byFunction, busy };
}

/** The package (node_modules), RAGline folder/file, Node core module or V8 pseudo-frame a frame belongs to. */
export function moduleOf({ url, functionName }: CallFrame): string {
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const inPackage = url.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inPackage) return inPackage[1]!;
  const ours = url.match(/\/dist\/((?:gateway|platform|db|commands)\/.*)\.js$/);
  if (ours) return `RAGline ${ours[1]}`;
  if (url.startsWith('node:')) return `node:${url.replace(/^node:(internal\/)?/, '').split('/')[0]}`;
  return url;
}

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { markdownTable, publishReport, type Row } from './benchmark-report.js';
import { startRaglineGatewayProcess } from './gateway-bench-targets.js';
import { runLoad } from './gateway-load.js';
import type { ServerProcess } from './start-server-process.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** V8's .cpuprofile: times in microseconds; `samples[i]` is the node on top of the stack `timeDeltas[i]` after the last. */
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * `npm run bench:gateway -- --profile`: RAGline's gateway in its own process under `node --cpu-prof`, one query from
 * distinct users; its profile's self time summed by package or module (the stage each belongs to is read off in
 * docs/benchmarks.md).
 */
export async function profileGateway(
  server: ServerProcess,
  port: number,
  query: string,
  tokens: string[],
  { seconds, connections }: { seconds: number; connections: number },
): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ragline-gateway-profile-'));
  const gateway = await startRaglineGatewayProcess(server, port, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
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

  const windowStart = profile.endTime - (stopped - loadStarted) * 1000;
  const windowEnd = profile.endTime - (stopped - loadEnded) * 1000;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let time = profile.startTime;
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index]!;
    const delta = profile.timeDeltas[index + 1] ?? 0;
    const frame = nodes.get(id)!.callFrame;
    const group = groupOf(frame);
    if (time < windowStart || time > windowEnd || group === '(idle)') return;
    byGroup.set(group, (byGroup.get(group) ?? 0) + delta);
    const name = `${frame.functionName || '(anonymous)'} (${group}${frame.url ? `:${frame.lineNumber + 1}` : ''})`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
  });
  const busy = [...byGroup.values()].reduce((sum, micros) => sum + micros, 0);
  const table = (entries: Map<string, number>, limit: number, label: string): Row[] =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, micros]) => ({
        [label]: name,
        'share of busy CPU %': ((100 * micros) / busy).toFixed(1),
        'µs CPU per request': ((micros / busy) * load.cpuPerRequest[0]! * 1000).toFixed(0),
      }));
  await publishReport(
    'bench:gateway profile',
    `**Indicative only (machine shared with 8 other agents).** RAGline's gateway in its own process under \`node --cpu-prof\`, on the subgraphs of one \`npm start\` process: \`products(first: 10)\` for ${seconds} s from ${tokens.length} distinct users over ${connections} connections (${load.requestsPerSecond.toFixed(0)} req/s, ${load.cpuPerRequest[0]!.toFixed(2)} ms CPU per request from /proc with the profiler on). Self time of the samples taken while the load ran (idle excluded) summed by package or module. On a machine this loaded a sample also lands while the process waits for a core, so the shares are of sampled time; "µs CPU per request" spreads the /proc CPU per request by those shares. The 15 most expensive functions follow the table.\n\n${markdownTable(table(byFunction, 15, 'function (module:line)'))}\n\nBy package or module:`,
    table(byGroup, 25, 'package or module'),
  );
}

/** The package (node_modules), RAGline folder/file, Node core module or V8 pseudo-frame a frame belongs to. */
function groupOf({ url, functionName }: ProfileNode['callFrame']): string {
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const inPackage = url.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inPackage) return inPackage[1]!;
  const ours = url.match(/\/dist\/((?:gateway|platform|db|commands)\/.*)\.js$/);
  if (ours) return `RAGline ${ours[1]}`;
  if (url.startsWith('node:')) return `node:${url.replace(/^node:(internal\/)?/, '').split('/')[0]}`;
  return url;
}

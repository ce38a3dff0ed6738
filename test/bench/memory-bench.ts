import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { signDevToken } from '../../platform/auth/jwt.js';
import { loadConfig } from '../../platform/config.js';
import { ASSEMBLE, gql, INGEST, INGESTION_JOB, largeDocument, SEARCH, type Outcome } from './abuse-traffic.js';
import { publishReport, type Row } from './benchmark-report.js';
import { sampleMemory, type MemorySample } from './server-memory.js';
import { startServerProcess } from './start-server-process.js';

/**
 * `npm run bench:memory`: the server's memory (RSS, V8 heap, external) at start, after ingesting large documents,
 * after heavy-but-allowed reads (bulk listings of documents with their chunks, reranked searches of 50, the largest
 * assembleContext) and after idling. `--save FILE` keeps the samples; `--compare FILE` publishes them next to this run's
 * (how the before/after table in docs/benchmarks.md was made: the same script on the commit before the bounds).
 */
const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '8' },
    'document-kib': { type: 'string', default: '400' },
    /** Rounds of heavy reads; each sends every kind `concurrency` times at once. */
    rounds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '6' },
    'idle-seconds': { type: 'string', default: '30' },
    port: { type: 'string', default: '4800' },
    label: { type: 'string', default: 'this commit' },
    save: { type: 'string' },
    compare: { type: 'string' },
  },
});

// The same text works before and after the listing bounds (their defaults apply when no `first` is given).
const BULK_LISTING = /* GraphQL */ `
  query {
    documents {
      id
      title
      chunks {
        text
        headingPath
      }
    }
  }
`;

const HEAVY_READS: [string, (bearer: string, url: string) => Promise<Outcome>][] = [
  ['bulk listing', (bearer, url) => gql(url, bearer, BULK_LISTING)],
  ['search first:50 rerank', (bearer, url) => gql(url, bearer, SEARCH, { q: 'pizza oven dough', mode: 'HYBRID', first: 50, rerank: true })],
  ['assembleContext 8000', (bearer, url) => gql(url, bearer, ASSEMBLE, { q: 'allergen gluten', budget: 8000 })],
];

async function main(): Promise<void> {
  const port = Number(values.port);
  // Rate limits off: this measures memory after a given amount of work, not how fast one tenant may send it.
  const server = await startServerProcess(port);
  const metricsUrl = `http://127.0.0.1:${port}/metrics`;
  const samples: MemorySample[] = [];
  const bytes = new Map<string, number>();
  const admin = await signDevToken(loadConfig(), { sub: 'memory-admin', tenant: 'heavy', roles: ['admin'] });
  try {
    samples.push(await sampleMemory(metricsUrl, 'started'));
    for (let index = 0; index < Number(values.documents); index++) {
      const text = largeDocument(100 + index, Number(values['document-kib']));
      const job = await gql(server.gatewayUrl, admin, INGEST, { input: { scope: 'faq', format: 'MARKDOWN', text } });
      if (job.code !== 'OK') throw new Error(`ingestion refused: ${job.code}`);
      for (;;) {
        const status = (await gql(server.gatewayUrl, admin, INGESTION_JOB, { id: job.data.ingestDocument.id })).data?.ingestionJob?.status;
        if (status === 'SUCCEEDED') break;
        if (status === 'FAILED') throw new Error('ingestion failed');
        await sleep(250);
      }
    }
    samples.push(await sampleMemory(metricsUrl, `after ingesting ${values.documents} × ${values['document-kib']} KiB`));
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const [name, send] of HEAVY_READS) {
        const outcomes = await Promise.all(Array.from({ length: Number(values.concurrency) }, () => send(admin, server.gatewayUrl)));
        const failed = outcomes.find((outcome) => outcome.code !== 'OK');
        if (failed) throw new Error(`${name}: ${failed.code}`);
        bytes.set(name, Math.max(bytes.get(name) ?? 0, JSON.stringify(outcomes[0]!.data).length));
      }
    }
    samples.push(await sampleMemory(metricsUrl, `after ${values.rounds} rounds of heavy reads`));
    await sleep(Number(values['idle-seconds']) * 1000);
    samples.push(await sampleMemory(metricsUrl, `after ${values['idle-seconds']} s idle`));
  } finally {
    await server.stop();
  }
  const run = {
    label: values.label,
    samples,
    responseKiB: Object.fromEntries([...bytes].map(([name, size]) => [name, Math.round(size / 1024)])),
  };
  if (values.save) await writeFile(values.save, JSON.stringify(run));
  const runs = [run];
  if (values.compare && existsSync(values.compare)) runs.unshift(JSON.parse(await readFile(values.compare, 'utf8')) as typeof run);
  const rows: Row[] = runs.flatMap(({ label, samples: points }) =>
    points.map((sample) => ({
      code: label,
      moment: sample.label,
      'RSS MiB': sample.rssMiB,
      'heap used MiB': sample.heapUsedMiB,
      'heap total MiB': sample.heapTotalMiB,
      'external MiB': sample.externalMiB,
    })),
  );
  const largest = runs.map(
    ({ label, responseKiB }) =>
      `${label}: ${Object.entries(responseKiB)
        .map(([name, kib]) => `${name} ${kib} KiB`)
        .join(', ')}`,
  );
  await publishReport(
    'Memory after heavy requests (bench:memory)',
    "`npm run bench:memory` (test/bench/memory-bench.ts): `npm start`'s one process in a child process (embedded PGlite in a worker thread, offline embedder), memory read from its /metrics (prom-client: process RSS, V8 heap, external). " +
      `One tenant ingests ${values.documents} Markdown documents of ${values['document-kib']} KiB, then ${values.rounds} rounds each send ${values.concurrency} at once of: ` +
      'a bulk listing (`documents { chunks { text } }` without arguments), search first 50 with rerank, assembleContext with the largest budget. Then the process idles. ' +
      'No forced GC: what a production process would show. The machine was shared with 7 other busy processes on 2 cores.\n\n' +
      `Largest response per kind: ${largest.join('; ')}.`,
    rows,
  );
}

await main();

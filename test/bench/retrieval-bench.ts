import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { LexicalEmbedder } from '../../subgraphs/knowledge/embeddings/lexical-embedder.js';
import { OfflineReranker } from '../../subgraphs/knowledge/rerank/offline-reranker.js';
import { loadBeirDataset, type CorpusDocument } from '../retrieval-eval/scifact-loader.js';
import { DEFAULT_KEYWORD_LIMITS } from '../../subgraphs/knowledge/search/keyword-terms.js';
import { DEFAULT_SEARCH_SETTINGS, type SearchMode } from '../../subgraphs/knowledge/search/search-service.js';
import type { Embedder } from '../../subgraphs/knowledge/embeddings/embedder.js';
import { HNSW_EF_CONSTRUCTION } from '../../subgraphs/knowledge/search/chunk-table.js';
import { DenseProjectionEmbedder } from './dense-projection-embedder.js';
import { percentile, publishReport, type Row } from './benchmark-report.js';
import { openKnowledgeIndex } from './knowledge-index.js';

/**
 * `npm run bench:retrieval [-- --dataset ../shared/datasets/scifact --sizes 10000,100000 --queries 200]`
 *
 * Real text at two index sizes: SciFact abstracts cut into small token chunks (each size a different chunk length,
 * so no two chunks are the same text), bulk-loaded through the ingestion service with the HNSW index built after
 * the load. Then, for each mode, the latency of SearchService.search (embedding, first stage, loading and
 * highlighting 10 hits) over SciFact train claims, and HNSW recall@10 against an exact scan.
 */
const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: '../shared/datasets/scifact' },
    sizes: { type: 'string', default: '10000,100000' },
    queries: { type: 'string', default: '200' },
    embedders: { type: 'string', default: 'lexical,dense' },
  },
});
const TENANT = 'bench';
const dataset = await loadBeirDataset(values.dataset, 'train');
const queries = dataset.queries.slice(0, Number(values.queries)).map((query) => query.text);
const lexical = LexicalEmbedder.fit(dataset.corpus);
const embedders: Record<string, Embedder> = { lexical, dense: new DenseProjectionEmbedder(lexical, 384) };
const rows: Row[] = [];

for (const [embedderName, embedder] of Object.entries(embedders).filter(([name]) => values.embedders.split(',').includes(name))) {
  for (const size of values.sizes.split(',').map(Number)) await benchmarkIndex(embedderName, embedder, size);
}

async function benchmarkIndex(embedderName: string, embedder: Embedder, size: number): Promise<void> {
  const index = await openKnowledgeIndex(embedder, new OfflineReranker());
  const em = () => index.database.em();
  await em().execute(`set maintenance_work_mem = '1GB'`);

  let loaded = 0;
  let loadSeconds = 0;
  let started = performance.now();
  await index.chunkIndex.withoutIndexes(async () => {
    // Chunk lengths per pass: 160 tokens gives ~10k chunks from the corpus, shorter passes add more.
    for (const maxTokens of [160, 48, 40, 56, 32]) {
      if (loaded >= size) break;
      loaded += await loadPass(index, dataset.corpus, maxTokens, size - loaded);
    }
    loadSeconds = (performance.now() - started) / 1000;
    started = performance.now();
  });
  const indexSeconds = (performance.now() - started) / 1000;
  console.log(`${loaded} chunks: loaded in ${loadSeconds.toFixed(1)} s, HNSW built in ${indexSeconds.toFixed(1)} s`);

  let walkRecall = 0;
  let searchRecall = 0;
  for (const query of queries) {
    const [vector] = await embedder.embed([query], 'query');
    const exact = await index.searchRepository.exactVectorCandidates({ tenantId: TENANT }, vector!, 10);
    const recall = (hits: { id: string }[]) => {
      const found = new Set(hits.map((hit) => hit.id));
      return exact.filter((hit) => found.has(hit.id)).length / Math.max(1, exact.length) / queries.length;
    };
    walkRecall += recall(
      await index.searchRepository.vectorCandidates({ tenantId: TENANT }, vector!, {
        limit: 10,
        efSearch: DEFAULT_SEARCH_SETTINGS.efSearch,
        walk: 'index',
      }),
    );
    searchRecall += recall(await index.search.firstStage({ tenantId: TENANT, query, first: 10, mode: 'VECTOR', rerank: false }, 10));
  }

  for (const [mode, rerank] of [
    ['VECTOR', false],
    ['KEYWORD', false],
    ['HYBRID', false],
    ['HYBRID', true],
  ] as [SearchMode, boolean][]) {
    for (const query of queries.slice(0, 10)) await index.search.search({ tenantId: TENANT, query, first: 10, mode, rerank }); // warm-up
    const latencies: number[] = [];
    for (const query of queries) {
      started = performance.now();
      await index.search.search({ tenantId: TENANT, query, first: 10, mode, rerank });
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    rows.push({
      embedder: embedderName === 'lexical' ? 'lexical 1999-d (default)' : 'dense 384-d (projection)',
      chunks: loaded,
      mode: rerank ? `${mode} + rerank` : mode,
      'p50 ms': percentile(latencies, 50).toFixed(1),
      'p95 ms': percentile(latencies, 95).toFixed(1),
      'HNSW walk recall@10': mode === 'VECTOR' ? walkRecall.toFixed(3) : '',
      'VECTOR search recall@10': mode === 'VECTOR' ? searchRecall.toFixed(3) : '',
      'load chunks/s': Math.round(loaded / loadSeconds),
      'index build s': indexSeconds.toFixed(1),
    });
    console.log(rows.at(-1));
  }
  await index.close();
}

await publishReport(
  'Retrieval latency (bench:retrieval)',
  `SciFact abstracts cut into token chunks (one tenant, no scope filter), loaded with ingestion's bulk path (${'`'}bulkIngest${'`'}: ` +
    `extraction, tiktoken chunking, lexical embedding (1,999 dims), binary COPY into PGlite; GIN and HNSW (m 16 / ef_construction ${HNSW_EF_CONSTRUCTION}) built after the load). ` +
    `Latency is SearchService.search for 10 hits (query embedding, first stage, chunk load, ts_headline) over ${queries.length} SciFact train claims, ` +
    `ef_search ${DEFAULT_SEARCH_SETTINGS.efSearch} (HYBRID's vector stage: ${DEFAULT_SEARCH_SETTINGS.hybridVectorCandidates} candidates at ef_search ${DEFAULT_SEARCH_SETTINGS.hybridEfSearch}; keyword stage: postings of the rarest words up to ${DEFAULT_KEYWORD_LIMITS.rowBudget} rows), on embedded PGlite in this process. ` +
    `Recall@10 compares a top 10 with an exact scan's: "HNSW walk" is the graph walk alone; "VECTOR search" is what VECTOR mode returns, ` +
    `the walk's candidates and the keyword stage's ${DEFAULT_SEARCH_SETTINGS.candidates} ranked together by exact distance. ` +
    `Embedders (${'`'}--embedders${'`'}; this run: ${values.embedders}): \`lexical\`, the offline one the platform ships (hashed stems and character ` +
    `4-grams, 1,999 dims, ranked by inner product with an HNSW index on vector_ip_ops); \`dense\`, the same vectors through a fixed random ` +
    `projection to 384 dense dimensions (what the dimension alone costs and saves). Rows are comparable within one run; the machine's ` +
    `speed varies between sessions.`,
  rows,
);

/** Ingests the corpus chunked at `maxTokens` (a distinct text per chunk length), stopping near `budget` chunks. */
async function loadPass(
  index: Awaited<ReturnType<typeof openKnowledgeIndex>>,
  corpus: CorpusDocument[],
  maxTokens: number,
  budget: number,
): Promise<number> {
  let chunks = 0;
  const requests = [];
  for (const doc of corpus) {
    if (chunks >= budget) break;
    requests.push({
      scope: `papers-${maxTokens}`,
      format: 'TEXT' as const,
      title: doc.title,
      content: `${doc.text}\n\n(${maxTokens})`,
      tags: [],
      metadata: {},
    });
    chunks += Math.max(1, Math.ceil(doc.text.length / 4.2 / maxTokens));
  }
  const ids = await index.ingestion.bulkIngest(TENANT, requests, { chunking: { strategy: 'TOKEN', maxTokens, overlapTokens: 0 } });
  const [row] = await index.database
    .em()
    .execute<{ count: string }[]>(`select count(*) as count from ${index.table.chunks} where scope = ?`, [`papers-${maxTokens}`]);
  void ids;
  return Number(row?.count ?? 0);
}

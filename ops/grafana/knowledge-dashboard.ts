import { OPS, dashboard, hitRatio, p95, rateBy, timeseries } from './panels.js';

/** Knowledge search and ingestion. */
export const knowledgeDashboard = dashboard(
  'ragline-knowledge',
  'RAGline / Knowledge search and ingestion',
  'Search traffic and latency by mode, ingestion jobs, embedding and help-article caches (docs/operations.md#knowledge)',
  [
    {
      title: 'Search',
      panels: [
        timeseries('Searches per second', 'Knowledge searches by mode and rerank', OPS, [
          { expr: rateBy('ragline_knowledge_searches_total', 'mode, rerank'), legend: '{{mode}} rerank={{rerank}}' },
        ]),
        timeseries('Search p95 by mode', 'Database and rerank time, 95th percentile', 's', [
          { expr: p95('ragline_knowledge_search_seconds', 'mode'), legend: '{{mode}}' },
        ]),
        timeseries('Embedding cache hit ratio', 'Texts whose embedding came from the cache, by purpose', 'percentunit', [
          { expr: hitRatio('ragline_knowledge_embedding_cache_requests_total', 'purpose'), legend: '{{purpose}}' },
        ]),
        timeseries('Help-article cache hit ratio', 'Order help-article lookups served from the cache', 'percentunit', [
          { expr: hitRatio('ragline_help_articles_cache_requests_total'), legend: 'hit ratio' },
        ]),
      ],
    },
    {
      title: 'Ingestion',
      panels: [
        timeseries('Ingestion jobs', 'Finished ingestion and reindex jobs by outcome', OPS, [
          { expr: rateBy('ragline_knowledge_ingestions_total', 'kind, outcome'), legend: '{{kind}} {{outcome}}' },
        ]),
        timeseries('Ingestion job p95', 'From queued to finished, 95th percentile', 's', [
          { expr: p95('ragline_knowledge_ingestion_duration_seconds', 'kind'), legend: '{{kind}}' },
        ]),
        timeseries('Chunks embedded per second', 'Chunks stored by finished jobs', 'cps', [
          { expr: rateBy('ragline_knowledge_chunks_embedded_total', 'kind'), legend: '{{kind}}' },
        ]),
      ],
    },
  ],
);

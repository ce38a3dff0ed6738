import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboards } from '../../ops/grafana/dashboards.js';
import { forPrometheus, panelQueries } from '../../ops/grafana/panel-queries.js';
import { hasBinary, mustRun } from '../../ops/prometheus/promtool.js';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus-server.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { waitFor } from '../support/wait-for.js';
import { APPROVE, approvalsIn, call, chat, startConversation } from './assistant-helpers.js';
import { knowledgeCalls } from './knowledge-helpers.js';

const METRICS_TOKEN = 'dashboards-test-metrics-token-0123456789';
const MY_ORDERS = /* GraphQL */ `
  {
    orders(first: 5) {
      edges {
        node {
          id
          helpArticles {
            id
          }
        }
      }
    }
  }
`;
const available = await hasBinary('prometheus');
const queries = Object.values(dashboards).flatMap(panelQueries);

/**
 * No dead panel: the supergraph runs, a real Prometheus scrapes every service's /metrics on loopback (with the metrics
 * token), traffic touches every feature a dashboard shows, and then every panel query of every dashboard is evaluated
 * through Prometheus's HTTP API and must return data.
 */
describe.skipIf(!available && !mustRun)('every Grafana dashboard panel has data once the supergraph has served traffic', () => {
  let supergraph: TestSupergraph;
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    supergraph = await startTestSupergraph({
      OPENAI_BASE_URL: '',
      METRICS_TOKEN,
      LLM_QUOTA_TOKENS_PER_DAY: '10000000',
      // Two ingestions a minute for staff: a third is refused, so the refusal panel shows a real refusal.
      RATE_LIMIT_INGESTION_PER_MINUTE: '2',
      RATE_LIMIT_STAFF_FACTOR: '1',
    });
    const metricsUrl = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '/metrics');
    prometheus = await startPrometheus(
      [
        { job: 'ragline-gateway', url: new URL('/metrics', supergraph.gateway.url).toString() },
        ...Object.values(supergraph.subgraphs).map((subgraph) => ({ job: `ragline-${subgraph.name}`, url: metricsUrl(subgraph.url) })),
      ],
      { bearerToken: METRICS_TOKEN, ruleFiles: [resolve('ops/prometheus/rules.yml')] },
    );
    // Counters must have a sample from before the traffic, or their rate over the traffic is not defined.
    const started = Date.now();
    await waitFor(() => prometheus.scrapedSince(started), 'a first scrape of every service', 15_000);
  }, 90_000);
  afterAll(async () => {
    await prometheus?.close();
    await supergraph?.close();
  });

  /** One round of traffic touching every feature a dashboard shows. */
  async function traffic(round: number): Promise<void> {
    const staff = await supergraph.token({ sub: 'sam', roles: ['staff'] });
    const admin = await supergraph.token({ sub: 'ada', roles: ['admin'] });
    const dana = await supergraph.token({ sub: 'dana' });
    const knowledge = knowledgeCalls(
      () => supergraph,
      () => staff,
      () => dana,
    );

    // Knowledge: an ingestion, searches in two modes (the repeated one hits the cache).
    const job = await knowledge.ingest({
      scope: 'policies',
      format: 'TEXT',
      title: `Refunds ${round}`,
      text: `Refunds are paid within ${round} days.`,
    });
    expect((await knowledge.finished(job.id)).status).toBe('SUCCEEDED');
    for (const mode of ['HYBRID', 'KEYWORD', 'HYBRID']) {
      expect((await knowledge.search({ query: 'when are refunds paid', mode })).body.errors).toBeUndefined();
    }

    // Assistant with the offline model: tool calls, a quote, then an order (outbox, bus, order events).
    const conversationId = await startConversation(supergraph, dana, `dashboards ${round}`);
    await chat(supergraph, dana, conversationId, 'Show me the pizza menu');
    const asked = await chat(supergraph, dana, conversationId, "I'd like 2 Margherita Pizza, please order them");
    const [approval] = approvalsIn(asked);
    const { approveToolCall } = await call(supergraph, APPROVE, { id: approval.id }, dana);
    expect(approveToolCall.order).toMatchObject({ id: expect.any(String) });
    // The same opening question again: the semantic answer cache and the tool cache are asked.
    await chat(supergraph, dana, await startConversation(supergraph, dana), 'Show me the pizza menu');
    // Orders with their help articles (the help-article cache), the observability subgraph, and a caller error.
    await call(supergraph, MY_ORDERS, {}, dana);
    await call(supergraph, MY_ORDERS, {}, dana);
    await call(supergraph, 'query Stuck { deadLetterCount(consumer: ORDER_ACTIVITY) }', {}, admin);
    const bad = await supergraph.request('query Broken { noSuchField }', {}, { token: dana });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  }

  it('drives traffic, then evaluates every panel query', { timeout: 120_000 }, async () => {
    // A series born during the traffic has no sample from before its first increments, so rate() would miss them: a
    // first round creates every series, and the second, after a scrape, is what the rates show.
    await traffic(1);
    const warmedUp = Date.now();
    await waitFor(() => prometheus.scrapedSince(warmedUp), 'a scrape after the first round', 15_000);
    await traffic(2);
    // Staff may ingest twice a minute here: a third ingestion is refused by the rate limit.
    const staff = await supergraph.token({ sub: 'sam', roles: ['staff'] });
    const refused = await supergraph.request(
      'mutation Ingest($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }',
      { input: { scope: 'policies', format: 'TEXT', title: 'Again', text: 'A third document.' } },
      { token: staff },
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');

    const trafficEnded = Date.now();
    await waitFor(() => prometheus.scrapedSince(trafficEnded + 1000), 'two scrapes after the traffic', 15_000);

    const empty: string[] = [];
    const notANumber: string[] = [];
    for (const { dashboard, panel, refId, expr } of queries) {
      const result = await prometheus.query(forPrometheus(expr, '1m'));
      if (result.length === 0) empty.push(`${dashboard} / ${panel} (${refId}): ${expr}`);
      else if (result.every((sample) => Number.isNaN(Number(sample.value[1])))) notANumber.push(`${dashboard} / ${panel} (${refId})`);
    }
    expect(empty, 'panels without data').toEqual([]);
    // The offline (lexical) embedder is cheap and uncached: its cache's series exist at 0, so the ratio is 0/0.
    expect(notANumber, 'panels whose every series is NaN').toEqual(['ragline-knowledge / Embedding cache hit ratio (A)']);
    expect(queries.length).toBeGreaterThan(40);
  });

  it('the series carry what the traffic did: refusals, error codes, every subgraph, prompt and variant', async () => {
    const value = async (expr: string) => Number((await prometheus.query(expr))[0]?.value[1] ?? NaN);
    expect(await value(`max(ragline_rate_limit_refusals_total{job="ragline-gateway", budget="ingestion", scope="user"})`)).toBe(1);
    expect(
      await value(`max(ragline_graphql_errors_total{job="ragline-gateway", service="gateway", code="GRAPHQL_VALIDATION_FAILED"})`),
    ).toBe(2);
    expect(await value(`max(ragline_graphql_errors_total{job="ragline-gateway", service="gateway", code="RATE_LIMITED"})`)).toBe(1);
    const services = await prometheus.query('count by (service) (ragline_graphql_operation_duration_seconds_count{job="ragline-gateway"})');
    expect(services.map((sample) => sample.metric.service).sort()).toEqual([
      'assistant',
      'gateway',
      'knowledge',
      'observability',
      'orders',
    ]);
    const prompts = await prometheus.query('count by (prompt, variant, provider) (gen_ai_client_token_usage_count{job="ragline-gateway"})');
    expect(prompts.map((sample) => sample.metric)).toEqual([
      { prompt: 'assistant-system@1', variant: expect.stringMatching(/\S/), provider: 'offline' },
    ]);
    expect(await value('max(ragline_model_breaker_state{job="ragline-gateway", provider="offline", state="closed"})')).toBe(1);
    expect(await value('max(ragline_knowledge_chunks_embedded_total{job="ragline-gateway"})')).toBeGreaterThan(0);
  });
});

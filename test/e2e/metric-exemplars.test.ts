import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBinary, mustRun } from '../../ops/prometheus/promtool.js';
import { startTracing, type TracingHandle } from '../../platform/telemetry/tracing-setup.js';
import { newTraceparent, startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus-server.js';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { waitFor } from '../support/wait-for.js';
import { SEND, startConversation, streamAnswer } from './assistant-helpers.js';

const METRICS_TOKEN = 'exemplars-test-metrics-token-0123456789';
const available = await hasBinary('prometheus');

/**
 * Exemplars end to end: with tracing on, a real Prometheus (exemplar storage on) scrapes the gateway and the assistant
 * in OpenMetrics, and the latency buckets of a traced query and of a traced chat turn's model call carry those
 * requests' trace IDs, which are traces the OTLP receiver holds: a slow bucket on a dashboard leads to its trace.
 */
describe.skipIf(!available && !mustRun)('metric exemplars link latency histograms to exported traces', () => {
  let receiver: OtlpReceiver;
  let tracing: TracingHandle;
  let supergraph: TestSupergraph;
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    tracing = startTracing({ serviceName: 'ragline-test', env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } });
    supergraph = await startTestSupergraph({ OPENAI_BASE_URL: '', METRICS_TOKEN });
    prometheus = await startPrometheus(
      [
        { job: 'ragline-gateway', url: new URL('/metrics', supergraph.gateway.url).toString() },
        { job: 'ragline-assistant', url: supergraph.subgraphs.assistant.url.replace(/\/graphql$/, '/metrics') },
      ],
      { bearerToken: METRICS_TOKEN, features: ['exemplar-storage'] },
    );
  }, 90_000);
  afterAll(async () => {
    await prometheus?.close();
    await supergraph?.close();
    await tracing?.shutdown();
    await receiver?.close();
  });

  /** The trace IDs Prometheus stored as exemplars of `expr`'s series. */
  const exemplarTraceIds = async (expr: string) =>
    (await prometheus.exemplars(expr)).flatMap((series) => series.exemplars.map((exemplar) => exemplar.labels.trace_id));

  it("a traced query's trace ID is an exemplar of the gateway's operation duration", async () => {
    const { traceId, traceparent } = newTraceparent();
    const token = await supergraph.token();
    const menu = await supergraph.request(
      'query Menu { products(first: 1) { edges { node { id } } } }',
      {},
      { token, headers: { traceparent } },
    );
    expect(menu.body.errors).toBeUndefined();

    await waitFor(
      async () =>
        (await exemplarTraceIds('ragline_graphql_operation_duration_seconds_bucket{service="gateway",operation_name="Menu"}')).includes(
          traceId,
        ),
      'the query trace as an exemplar in Prometheus',
      20_000,
    );
    await waitFor(
      async () => {
        await tracing.forceFlush();
        return receiver.spans.some((span) => span.traceId === traceId && span.kind === 2 && span.serviceName === 'ragline-test');
      },
      'the query trace at the OTLP receiver',
      10_000,
    );
  });

  it("a traced chat turn's trace ID is an exemplar of the model's time to first token and of the assistant's operation", async () => {
    const { traceId, traceparent } = newTraceparent();
    const token = await supergraph.token();
    const conversationId = await startConversation(supergraph, token);
    const sent = await supergraph.request(
      SEND,
      { id: conversationId, text: 'Which pizzas do you have?' },
      { token, headers: { traceparent } },
    );
    expect(sent.body.errors).toBeUndefined();
    await streamAnswer(supergraph, token, sent.body.data.sendMessage.id);

    // Each is scraped once recorded: the model call's at its end, sendMessage's when its answer went out.
    for (const series of [
      'gen_ai_client_operation_time_to_first_chunk_seconds_bucket{provider="offline"}',
      'ragline_graphql_operation_duration_seconds_bucket{service="assistant",operation_type="mutation"}',
    ]) {
      await waitFor(
        async () => (await exemplarTraceIds(series)).includes(traceId),
        `the chat turn trace as an exemplar of ${series}`,
        20_000,
      );
    }
    await tracing.forceFlush();
    expect(receiver.spans.some((span) => span.traceId === traceId && span.attributes['gen_ai.operation.name'] === 'chat')).toBe(true);
  });

  it('still serves the classic text format, without exemplars, to a client that does not ask for OpenMetrics', async () => {
    const response = await fetch(new URL('/metrics', supergraph.gateway.url), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();
    expect(body).toMatch(/^ragline_graphql_operation_duration_seconds_bucket\{.*service="gateway".*\} \d+$/m);
    expect(body).toMatch(/^# TYPE ragline_gateway_subgraph_fetches_total counter$/m);
    expect(body).not.toContain('trace_id');
  });
});

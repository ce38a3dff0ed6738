import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type TracingHandle } from '../../platform/telemetry/tracing-setup.js';
import { textAnswer, toolCall } from '../fakes/model-server/behaviours.js';
import { newTraceparent, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';
import {
  closeWithFakeModels,
  orderEventsLive,
  SEND,
  startConversation,
  startWithFakeModels,
  streamAnswer,
  type SupergraphWithFakeModels,
} from './assistant-helpers.js';
import { CREATE_ORDER, margherita } from './order-helpers.js';

const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

describe('tracing: OTLP from a running supergraph to an in-test receiver', () => {
  let receiver: OtlpReceiver;
  let tracing: TracingHandle;
  let started: Partial<SupergraphWithFakeModels> = {};

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // The standard variable is the only switch; the exporter's batch delay is shortened by the test's forceFlush.
    tracing = startTracing({ serviceName: 'ragline-test', env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } });
    started = await startWithFakeModels();
  });
  afterAll(async () => {
    await closeWithFakeModels(started);
    await tracing?.shutdown();
    await receiver?.close();
  });

  const spansOf = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);
  const flushUntil = (predicate: () => boolean, what: string) =>
    waitFor(
      async () => {
        await tracing.forceFlush();
        return predicate();
      },
      what,
      10_000,
    );

  it('a chat turn that calls a tool is one trace: gateway, assistant and orders subgraphs, the database, the model and the tool', async () => {
    const { supergraph, primary, alice } = started as SupergraphWithFakeModels;
    const conversationId = await startConversation(supergraph, alice);
    primary.enqueue(toolCall('retrieve_menu', { text: 'pizza' }, { id: 'call_menu' }), textAnswer('We have a Margherita.'));
    const { traceId, traceparent } = newTraceparent();
    const sent = await supergraph.request(
      SEND,
      { id: conversationId, text: 'Which pizzas do you have?' },
      { token: alice, headers: { traceparent } },
    );
    expect(sent.body.errors).toBeUndefined();
    const answer = await streamAnswer(supergraph, alice, sent.body.data.sendMessage.id);
    expect(answer.completed.message.toolCalls.map((call: any) => [call.name, call.ok])).toEqual([['retrieve_menu', true]]);

    const modelCalls = () => spansOf(traceId).filter((span) => span.attributes['gen_ai.operation.name'] === 'chat');
    await flushUntil(() => modelCalls().length === 2, 'both model calls of the turn in the trace');
    const spans = spansOf(traceId);

    // Every span hangs off the caller's span or another span of the same trace: one tree.
    const ids = new Set(spans.map((span) => span.spanId));
    const callerSpanId = traceparent.split('-')[2];
    for (const span of spans) expect([...ids, callerSpanId], span.name).toContain(span.parentSpanId);

    const servers = spans.filter((span) => span.kind === SERVER).map((span) => span.attributes['ragline.service']);
    // The client's sendMessage and the tool's products query both pass the gateway.
    expect(servers.filter((service) => service === 'gateway').length).toBeGreaterThanOrEqual(2);
    expect([...new Set(servers)].sort()).toEqual(expect.arrayContaining(['assistant', 'gateway', 'orders']));
    // @apollo/gateway's own spans join the trace through the registered provider.
    expect(spans.map((span) => span.name)).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.fetch']));
    const subgraphFetches = spans.filter((span) => span.kind === CLIENT && span.name === 'POST');
    expect(subgraphFetches.length).toBeGreaterThanOrEqual(2);

    const statements = spans.filter((span) => span.attributes['db.system.name'] === 'postgresql');
    expect(statements.map((span) => span.attributes['db.namespace'])).toEqual(
      expect.arrayContaining([expect.stringMatching(/assistant$/), expect.stringMatching(/orders$/)]),
    );
    expect(statements.some((span) => /^SELECT \S+\.products$/.test(String(span.attributes['db.query.summary'])))).toBe(true);
    for (const statement of statements) expect(Object.keys(statement.attributes)).not.toContain('db.query.text');
    // On Redis (the services run of CI) the catalog's cache commands are in the trace too.
    if (process.env.REDIS_URL) expect(spans.some((span) => span.attributes['db.system.name'] === 'redis')).toBe(true);

    const [first] = modelCalls();
    expect(first!.kind).toBe(CLIENT);
    expect(first!.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': expect.any(String),
      'gen_ai.request.model': expect.any(String),
      'gen_ai.response.model': expect.any(String),
      'gen_ai.usage.input_tokens': expect.any(Number),
      'gen_ai.usage.output_tokens': expect.any(Number),
      'gen_ai.response.finish_reasons': ['tool-calls'],
    });
    expect(first!.events).toContain('gen_ai.first_token');
    // No prompt or answer text unless the operator opts in.
    for (const call of modelCalls()) expect(Object.keys(call.attributes).filter((key) => /messages/.test(key))).toEqual([]);

    const tool = spans.find((span) => span.name === 'execute_tool retrieve_menu')!;
    expect(tool.attributes).toMatchObject({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'retrieve_menu' });
    // The tool's supergraph call is a child of the tool span, through the gateway.
    const toolGateway = spans.find(
      (span) => span.kind === SERVER && span.attributes['ragline.service'] === 'gateway' && span.parentSpanId === tool.spanId,
    );
    expect(toolGateway).toBeDefined();
  });

  it('links createOrder to the order-event consumer, and a subscription event to its subscribe', async () => {
    const { supergraph, alice } = started as SupergraphWithFakeModels;
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${alice}` });
    try {
      const events = collect(client, 'subscription { orderEvents { type order { id status helpArticles { title } } } }');
      await orderEventsLive(supergraph);
      const { traceId, traceparent } = newTraceparent();
      const created = await supergraph.request(
        CREATE_ORDER,
        { input: { items: [{ productId: margherita, quantity: 1 }] }, key: `tracing-${traceId}` },
        { token: alice, headers: { traceparent } },
      );
      expect(created.body.errors).toBeUndefined();
      await events.nth(1);

      const sent = () => spansOf(traceId).find((span) => span.kind === PRODUCER && span.name === 'send order-events');
      const consumed = (): ReceivedSpan | undefined =>
        receiver.spans.find((span) => span.kind === CONSUMER && span.links.some((link) => link.spanId === sent()?.spanId));
      await flushUntil(() => consumed() !== undefined, "the observability consumer's span linked to the createOrder trace");
      const consumer = consumed()!;
      expect(consumer.traceId).not.toBe(traceId);
      expect(consumer.links).toEqual([{ traceId, spanId: sent()!.spanId }]);
      expect(consumer.attributes).toMatchObject({ 'messaging.destination.name': 'order-events', 'messaging.operation.type': 'process' });
      // The consumer's own statements (recording the timeline) are in its trace.
      await flushUntil(
        () => spansOf(consumer.traceId).some((span) => span.attributes['db.system.name'] === 'postgresql'),
        'consumer statements',
      );

      // The relay's publish continues the mutation's trace (the traceparent stored in the outbox row).
      const mutationSpans = spansOf(traceId);
      expect(
        // The outbox row is written by the order's own statement (a data-modifying WITH) or a statement of its transaction.
        mutationSpans.some((span) =>
          String(span.attributes['db.query.summary'])
            .split(/ (?=[A-Z]+ )/)
            .includes(`INSERT ${String(span.attributes['db.namespace'])}.outbox`),
        ),
      ).toBe(true);

      const subscribe = () => receiver.spans.find((span) => span.kind === SERVER && span.name === 'subscribe orders');
      const eventRun = () =>
        receiver.spans.find(
          (span) => span.name.startsWith('subscription event') && span.links.some((link) => link.spanId === subscribe()?.spanId),
        );
      await flushUntil(() => eventRun() !== undefined, 'the subscription event linked to its subscribe');
      const followUps = spansOf(eventRun()!.traceId);
      expect(followUps.some((span) => span.kind === SERVER && span.attributes['ragline.service'] === 'knowledge')).toBe(true);
    } finally {
      await client.dispose();
    }
  });

  it('puts the trace ID in error extensions', async () => {
    const { supergraph, alice } = started as SupergraphWithFakeModels;
    const { traceId, traceparent } = newTraceparent();
    const result = await supergraph.request('{ noSuchField }', {}, { token: alice, headers: { traceparent } });
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ traceId, requestId: expect.any(String) });
    // Refused before Apollo runs (a body that is not JSON): the same two IDs.
    const other = newTraceparent();
    const refused = await fetch(supergraph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: other.traceparent },
      body: '{not json',
    });
    expect((await refused.json()).errors[0].extensions).toMatchObject({
      code: 'BAD_REQUEST',
      traceId: other.traceId,
      requestId: expect.any(String),
    });
  });
});

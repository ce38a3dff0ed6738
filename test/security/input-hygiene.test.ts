import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { waitFor } from '../support/wait-for.js';
import { collect, wsClient } from '../support/ws-client.js';
import {
  deepJson,
  EMOJI,
  expectRefused,
  hygieneCases,
  ingestWithMetadata,
  LONE_SURROGATE,
  NUL,
  postRaw,
  type HygieneCase,
} from './input-hygiene-cases.js';

/**
 * Input hygiene (docs/security.md): NUL characters, unpaired surrogates, over-deep values and over-large strings are
 * refused with BAD_USER_INPUT naming the argument, by the gateway before any subgraph is called (400, no data), and by
 * every subgraph on its own.
 */
describe('input hygiene', () => {
  let supergraph: TestSupergraph;
  const tokens = { customer: '', staff: '' };
  let conversationId = '';
  const cases = hygieneCases(() => conversationId);
  const send = (c: HygieneCase, text: string) => {
    const { query, variables } = c.asVariable(text);
    return supergraph.request(query, variables, { token: tokens[c.role] });
  };
  const sendInline = (c: HygieneCase, literal: string) => supergraph.request(c.inline(literal), undefined, { token: tokens[c.role] });
  const jobFinished = async (id: string) => {
    const JOB = 'query Job($id: ID!) { ingestionJob(id: $id) { status } }';
    await waitFor(async () => {
      const { body } = await supergraph.request(JOB, { id }, { token: tokens.staff });
      return ['SUCCEEDED', 'FAILED'].includes(body.data?.ingestionJob?.status);
    }, `ingestion job ${id}`);
  };

  beforeAll(async () => {
    supergraph = await startTestSupergraph();
    tokens.customer = await supergraph.token({ sub: 'hygiene-customer' });
    tokens.staff = await supergraph.token({ sub: 'hygiene-staff', roles: ['staff'] });
    const started = await supergraph.request('mutation { startConversation { id } }', undefined, { token: tokens.customer });
    conversationId = started.body.data.startConversation.id;
  });
  afterAll(() => supergraph?.close());

  describe.each(cases.map((c) => [c.argument, c] as const))('%s', (argument, c) => {
    it('refuses a NUL character and an unpaired surrogate in a variable, at the gateway', async () => {
      for (const text of [NUL, LONE_SURROGATE]) {
        const { status, body } = await send(c, text);
        expect(status).toBe(400); // the gateway's own refusal: no subgraph was called
        expectRefused(body, argument);
        expect(body.errors![0].extensions.requestId).toEqual(expect.any(String));
      }
    });

    it('refuses a NUL character written inline, escaped or raw; an inline unpaired surrogate is a syntax error', async () => {
      for (const literal of [JSON.stringify(NUL), `"${NUL}"`]) {
        const { status, body } = await sendInline(c, literal);
        expect(status).toBe(400);
        expectRefused(body, argument);
      }
      // GraphQL strings hold Unicode scalar values only (spec, "String Value"): graphql-js refuses the document itself.
      const { status, body } = await sendInline(c, JSON.stringify(LONE_SURROGATE));
      expect(status).toBe(400);
      expect(body.errors?.[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    });

    it('accepts text with emoji (surrogate pairs), as a variable', async () => {
      const { body } = await send(c, EMOJI);
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    });
  });

  it('accepts emoji written inline, raw or as an escaped surrogate pair', async () => {
    for (const literal of [JSON.stringify(EMOJI), '"pizza \\uD83C\\uDF55"', '"pizza \\u{1F355}"']) {
      const { body } = await supergraph.request(`{ search(query: ${literal}) { score } }`, undefined, { token: tokens.customer });
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    }
  });

  it('refuses JSON nested 20,000 deep, and anything deeper than INPUT_MAX_DEPTH, with BAD_USER_INPUT', async () => {
    const deep = await postRaw(supergraph.gateway.url, ingestWithMetadata(deepJson(20_000)), tokens.staff);
    expect(deep.status).toBe(400);
    expectRefused(deep.body, /^ingestDocument\.input\.metadata(\.a)+$/);
    // ...also in a variable no argument uses, and in a list
    const unused = `{"query":"{ search(query: \\"menu\\") { score } }","variables":{"extra":${deepJson(20_000)}}}`;
    expectRefused((await postRaw(supergraph.gateway.url, unused, tokens.customer)).body, /^\$extra(\.a)+$/);
    const lists = `{"query":"query S($q: String!) { search(query: $q) { score } }","variables":{"q":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
    expectRefused((await postRaw(supergraph.gateway.url, lists, tokens.customer)).body, /^search\.query(\[0\])+$/);

    // The limit (32): the input object, metadata and 30 levels inside it pass; one more is refused, inline too.
    const atLimit = await postRaw(supergraph.gateway.url, ingestWithMetadata(deepJson(30).replace('1', '{}')), tokens.staff);
    expect(atLimit.body.errors, JSON.stringify(atLimit.body.errors)).toBeUndefined();
    await jobFinished(atLimit.body.data.ingestDocument.id);
    expectRefused((await postRaw(supergraph.gateway.url, ingestWithMetadata(deepJson(32)), tokens.staff)).body, /metadata(\.a){31}$/);
    const inline = `mutation { ingestDocument(input: { scope: "faq", format: TEXT, text: "x", metadata: ${deepJson(32).replaceAll('"a"', 'a')} }) { id } }`;
    expectRefused((await supergraph.request(inline, undefined, { token: tokens.staff })).body, /metadata(\.a){31}$/);

    // An inline literal 20,000 deep overflows graphql-js's parser: refused as a syntax error, never a server error.
    const huge = `{ search(query: "x", scope: ${'['.repeat(20_000)}${']'.repeat(20_000)}) { score } }`;
    const parsed = await supergraph.request(huge, undefined, { token: tokens.customer });
    expect(parsed.status).toBe(400);
    expect(parsed.body.errors?.[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses strings above INPUT_MAX_STRING_BYTES, but keeps document uploads (up to the knowledge limit) working', async () => {
    const big = 'x'.repeat(1_048_577);
    const tooBig = await supergraph.request('query S($q: String!) { search(query: $q) { score } }', { q: big }, { token: tokens.customer });
    expect(tooBig.status).toBe(400);
    expectRefused(tooBig.body, 'search.query');

    const INGEST = 'mutation Ingest($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }';
    const pdf = randomBytes(1_500_000); // 2 MB of base64; unreadable as a PDF, so the job fails fast after acceptance
    const asBase64 = await supergraph.request(
      INGEST,
      { input: { scope: 'faq', format: 'PDF', contentBase64: pdf.toString('base64') } },
      { token: tokens.staff },
    );
    expect(asBase64.body.errors, JSON.stringify(asBase64.body.errors)).toBeUndefined();
    await jobFinished(asBase64.body.data.ingestDocument.id);

    const form = new FormData();
    form.set('operations', JSON.stringify({ query: INGEST, variables: { input: { scope: 'faq', format: 'PDF', file: null } } }));
    form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
    form.set('0', new Blob([pdf], { type: 'application/pdf' }), 'large.pdf');
    const upload = await fetch(supergraph.gateway.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.staff}`, 'apollo-require-preflight': 'true' },
      body: form,
    });
    const uploaded = (await upload.json()) as any;
    expect(uploaded.errors, JSON.stringify(uploaded.errors)).toBeUndefined();
    await jobFinished(uploaded.data.ingestDocument.id);
  });

  it('refuses bad input over the gateway graphql-ws bridge: queries and mutations, and subscriptions', async () => {
    const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${tokens.customer}` });
    try {
      // Every operation on the socket is checked when it arrives, before it is run: refused with a graphql-ws error.
      const sendMessage = cases.find((c) => c.argument === 'sendMessage.text')!.asVariable(NUL);
      const mutation = collect(client, sendMessage.query, sendMessage.variables);
      await mutation.done();
      expect(mutation.results).toEqual([]);
      expectRefused({ errors: mutation.error as any[] }, 'sendMessage.text');
      expect((mutation.error as any[])[0].extensions.requestId).toEqual(expect.any(String));

      const subscription = collect(client, 'subscription Events($id: ID) { orderEvents(orderId: $id) { eventId } }', {
        id: LONE_SURROGATE,
      });
      await subscription.done();
      expectRefused({ errors: subscription.error as any[] }, 'orderEvents.orderId');
    } finally {
      await client.dispose();
    }
  });

  it('is enforced by each subgraph on its own, over HTTP and graphql-ws', async () => {
    const { orders, knowledge } = supergraph.subgraphs;
    const createOrder = cases.find((c) => c.argument === 'createOrder.input.items[0].notes')!;
    const { query, variables } = createOrder.asVariable(NUL);
    expectRefused((await postRaw(orders.url, JSON.stringify({ query, variables }), tokens.customer)).body, createOrder.argument);
    expectRefused(
      (await postRaw(orders.url, JSON.stringify({ query: createOrder.inline(`"${NUL}"`) }), tokens.customer)).body,
      createOrder.argument,
    );

    const deep = await postRaw(knowledge.url, ingestWithMetadata(deepJson(20_000)), tokens.staff);
    expectRefused(deep.body, /^ingestDocument\.input\.metadata(\.a)+$/);
    expect(deep.status).toBeLessThan(500);
    // An inline literal too deep for graphql-js's parser: a syntax error at the subgraph too, and again from its cache.
    const huge = JSON.stringify({ query: `{ search(query: "x", scope: ${'['.repeat(20_000)}${']'.repeat(20_000)}) { score } }` });
    for (let attempt = 0; attempt < 2; attempt++) {
      const parsed = await postRaw(knowledge.url, huge, tokens.customer);
      expect(parsed.status).toBeLessThan(500);
      expect(parsed.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    }

    const client = wsClient(orders.wsUrl, { authorization: `Bearer ${tokens.customer}` });
    try {
      const subscription = collect(client, 'subscription Events($id: ID) { orderEvents(orderId: $id) { eventId } }', { id: NUL });
      expectRefused(await subscription.nth(1), 'orderEvents.orderId');
    } finally {
      await client.dispose();
    }
  });
});

import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getIntrospectionQuery, type GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { wsClient } from '../support/ws-client.js';

const hash = (text: string, algorithm = 'sha256') => createHash(algorithm).update(text).digest('hex');
const apq = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: hash(text) } });
const codes = (errors: readonly GraphQLFormattedError[] | undefined) => errors?.map((error) => error.extensions?.code);

const PRODUCTS = 'query Products { products(first: 2) { edges { node { id } } } }';
const NAMED = 'query Named { products(first: 1) { edges { node { name } } } }';
const UNLISTED = 'query Unlisted { products(first: 3) { edges { node { id name } } } }';
const SEARCH = 'query Search($text: String) { products(first: 1, filter: { text: $text }) { edges { node { id } } } }';

/** A POST of any JSON body (the test support's `request` sends text only). */
async function post(supergraph: TestSupergraph, token: string, body: Record<string, unknown>) {
  const response = await fetch(supergraph.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: GraphQLFormattedError[] } };
}

async function get(supergraph: TestSupergraph, token: string, params: Record<string, string>) {
  const url = `${supergraph.gateway.url}?${new URLSearchParams(params)}`;
  // Apollo's CSRF prevention wants a header only scripts set on a GET.
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: GraphQLFormattedError[] } };
}

describe('automatic persisted queries (no manifest)', () => {
  let supergraph: TestSupergraph;
  let token: string;
  beforeAll(async () => {
    supergraph = await startTestSupergraph();
    token = await supergraph.token();
  });
  afterAll(() => supergraph?.close());

  it('answers an unknown hash without text with PERSISTED_QUERY_NOT_FOUND', async () => {
    const { body } = await post(supergraph, token, { extensions: apq(`${PRODUCTS} # never sent`) });
    expect(codes(body.errors)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('registers a text with its hash, then runs the hash alone over POST and GET', async () => {
    const registered = await post(supergraph, token, { query: PRODUCTS, extensions: apq(PRODUCTS) });
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data.products.edges).toHaveLength(2);

    const byPost = await post(supergraph, token, { extensions: apq(PRODUCTS) });
    expect(byPost.body).toEqual(registered.body);
    const byGet = await get(supergraph, token, { extensions: JSON.stringify(apq(PRODUCTS)) });
    expect(byGet.body).toEqual(registered.body);
  });

  it('applies the operation limits to a persisted query, which is then not registered', async () => {
    const deep = `{ ${'... on Query { '.repeat(12)} __typename ${'} '.repeat(12)} }`;
    const refused = await post(supergraph, token, { query: deep, extensions: apq(deep) });
    expect(codes(refused.body.errors)).toContain('OPERATION_LIMIT_EXCEEDED');
    const again = await post(supergraph, token, { extensions: apq(deep) });
    expect(codes(again.body.errors)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('applies input hygiene to the variables of a persisted query', async () => {
    const registered = await post(supergraph, token, { query: SEARCH, variables: { text: 'pizza' }, extensions: apq(SEARCH) });
    expect(registered.body.errors).toBeUndefined();
    const refused = await post(supergraph, token, { variables: { text: 'pizza\u0000' }, extensions: apq(SEARCH) });
    expect(codes(refused.body.errors)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('trusted documents (TRUSTED_DOCUMENTS)', () => {
  let supergraph: TestSupergraph;
  let token: string;
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'trusted-documents-'));
    const manifest = join(directory, 'persisted-documents.json');
    // Keyed as GraphQL Code Generator's client preset keys them: sha256, or sha1 (its default hash algorithm).
    await writeFile(manifest, JSON.stringify({ [hash(PRODUCTS)]: PRODUCTS, [hash(NAMED, 'sha1')]: NAMED }));
    supergraph = await startTestSupergraph({ TRUSTED_DOCUMENTS: manifest, GRAPHQL_INTROSPECTION: 'true' });
    token = await supergraph.token();
  });
  afterAll(async () => {
    await supergraph?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('runs a listed hash, sent in extensions.persistedQuery or as documentId, over POST and GET', async () => {
    const byExtension = await post(supergraph, token, { extensions: apq(PRODUCTS) });
    expect(byExtension.body.errors).toBeUndefined();
    expect(byExtension.body.data.products.edges).toHaveLength(2);
    const byDocumentId = await post(supergraph, token, { documentId: hash(NAMED, 'sha1') });
    expect(byDocumentId.body.errors).toBeUndefined();
    expect(byDocumentId.body.data.products.edges[0].node.name).toEqual(expect.any(String));
    const byGet = await get(supergraph, token, { documentId: `sha256:${hash(PRODUCTS)}` });
    expect(byGet.body).toEqual(byExtension.body);
  });

  it('runs a listed full text, whatever its key in the manifest', async () => {
    for (const query of [PRODUCTS, NAMED]) {
      const { body } = await post(supergraph, token, { query });
      expect(body.errors).toBeUndefined();
      expect(body.data.products.edges.length).toBeGreaterThan(0);
    }
  });

  it('refuses an unlisted text, an unlisted hash and an APQ registration with OPERATION_NOT_TRUSTED', async () => {
    for (const body of [
      { query: UNLISTED },
      { extensions: apq(UNLISTED) },
      { documentId: hash(UNLISTED) },
      { query: UNLISTED, extensions: apq(UNLISTED) },
    ]) {
      const refused = await post(supergraph, token, body);
      expect(refused.status).toBe(400);
      expect(refused.body.data).toBeUndefined();
      expect(codes(refused.body.errors)).toEqual(['OPERATION_NOT_TRUSTED']);
      expect(refused.body.errors?.[0]?.extensions?.requestId).toEqual(expect.any(String));
    }
    const byGet = await get(supergraph, token, { query: UNLISTED });
    expect(codes(byGet.body.errors)).toEqual(['OPERATION_NOT_TRUSTED']);
    // The refused registration left nothing behind.
    expect(codes((await post(supergraph, token, { extensions: apq(UNLISTED) })).body.errors)).toEqual(['OPERATION_NOT_TRUSTED']);
  });

  it('refuses introspection unless it is a trusted document, even with GRAPHQL_INTROSPECTION=true', async () => {
    const { body } = await post(supergraph, token, { query: getIntrospectionQuery() });
    expect(codes(body.errors)).toEqual(['OPERATION_NOT_TRUSTED']);
  });

  describe('over graphql-ws', () => {
    const overWs = async (payload: Record<string, unknown>) => {
      const client = wsClient(supergraph.gateway.wsUrl, { authorization: `Bearer ${token}` });
      try {
        const results: any[] = [];
        let error: GraphQLFormattedError[] | undefined;
        await new Promise<void>((resolve) => {
          client.subscribe(payload as never, {
            next: (result) => results.push(result),
            error: (cause) => {
              error = cause as GraphQLFormattedError[];
              resolve();
            },
            complete: resolve,
          });
        });
        return { results, errors: error };
      } finally {
        await client.dispose();
      }
    };

    it('runs a listed hash (with the empty query the protocol requires) and a listed text', async () => {
      for (const payload of [
        { query: '', extensions: apq(PRODUCTS) },
        { query: '', documentId: hash(NAMED, 'sha1') },
        { query: PRODUCTS },
      ]) {
        const { results, errors } = await overWs(payload);
        expect(errors).toBeUndefined();
        expect(results[0].errors).toBeUndefined();
        expect(results[0].data.products.edges.length).toBeGreaterThan(0);
      }
    });

    it('refuses an unlisted text or hash, and an unlisted subscription, with OPERATION_NOT_TRUSTED', async () => {
      for (const payload of [
        { query: UNLISTED },
        { query: '', extensions: apq(UNLISTED) },
        { query: 'subscription { orderEvents { eventId } }' },
        { query: '' },
      ]) {
        const { results, errors } = await overWs(payload);
        expect(results).toEqual([]);
        expect(codes(errors)).toEqual(['OPERATION_NOT_TRUSTED']);
      }
    });
  });
});

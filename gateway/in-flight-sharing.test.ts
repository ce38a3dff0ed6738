import { describe, expect, it } from 'vitest';
import { shareIdenticalQueries } from './in-flight-sharing.js';

type Fetcher = Parameters<typeof shareIdenticalQueries>[0];

/** A subgraph that answers only when told to, counting the requests it received. */
function heldSubgraph() {
  const received: { url: string; body: string }[] = [];
  const waiting: (() => void)[] = [];
  const fetcher = ((url: string, init: { body?: string } = {}) => {
    received.push({ url, body: init.body ?? '' });
    const answer = `{"data":{"n":${received.length}}}`;
    return new Promise((resolve) =>
      waiting.push(() => {
        const make = () => ({ ok: true, status: 200, text: async () => answer, json: async () => JSON.parse(answer), clone: make });
        resolve(make());
      }),
    );
  }) as unknown as Fetcher;
  return { fetcher, received, release: () => waiting.splice(0).forEach((answer) => answer()) };
}

const url = 'http://127.0.0.1:4001/graphql';
const query = JSON.stringify({ query: 'query Menu__orders__0{products(first:5){id}}', variables: {} });
const request = (body: string, headers: Record<string, string>) => ({ method: 'POST', headers, body });
const alice = { authorization: 'Bearer alice', 'content-type': 'application/json' };

describe('shareIdenticalQueries', () => {
  it('answers identical queries in flight with one fetch, whatever their request IDs and trace context', async () => {
    const subgraph = heldSubgraph();
    const shared = shareIdenticalQueries(subgraph.fetcher);
    const answers = [1, 2, 3].map((n) => shared(url, request(query, { ...alice, 'x-request-id': `r${n}`, traceparent: `t${n}` })));
    subgraph.release();
    const bodies = await Promise.all(answers.map(async (answer) => (await answer).text()));
    expect(subgraph.received).toHaveLength(1);
    expect(bodies).toEqual(Array(3).fill('{"data":{"n":1}}'));
  });

  it('never shares between different credentials, documents, variables or subgraphs', async () => {
    const subgraph = heldSubgraph();
    const shared = shareIdenticalQueries(subgraph.fetcher);
    const other = JSON.stringify({ query: 'query Menu__orders__0{products(first:5){id}}', variables: { a: 1 } });
    void shared(url, request(query, alice));
    void shared(url, request(query, { ...alice, authorization: 'Bearer bob' }));
    void shared(url, request(query, { 'content-type': 'application/json' }));
    void shared(url, request(other, alice));
    void shared('http://127.0.0.1:4002/graphql', request(query, alice));
    void shared(url, request(query, { ...alice, 'x-tenant-hint': 'b' }));
    subgraph.release();
    expect(subgraph.received).toHaveLength(6);
  });

  it('never shares mutations, and shares nothing once the first fetch has finished', async () => {
    const subgraph = heldSubgraph();
    const shared = shareIdenticalQueries(subgraph.fetcher);
    const mutation = JSON.stringify({ query: 'mutation{createOrder(idempotencyKey:"k",input:{lines:[]}){id}}' });
    void shared(url, request(mutation, alice));
    void shared(url, request(mutation, alice));
    const first = shared(url, request(query, alice));
    subgraph.release();
    await first;
    void shared(url, request(query, alice));
    expect(subgraph.received).toHaveLength(4);
  });

  it('gives every waiting caller the failure of the shared fetch, then fetches afresh', async () => {
    let calls = 0;
    const failing = (async () => {
      calls++;
      throw new Error('subgraph down');
    }) as unknown as Fetcher;
    const shared = shareIdenticalQueries(failing);
    const results = await Promise.allSettled([shared(url, request(query, alice)), shared(url, request(query, alice))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(shared(url, request(query, alice))).rejects.toThrow('subgraph down');
    expect(calls).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { shareIdenticalQueries } from './in-flight-sharing.js';

import { subgraphTarget, type SubgraphSend } from './subgraph-client.js';

/** A subgraph that answers only when told to, counting the requests it received. */
function heldSubgraph() {
  const received: { url: string; body: string }[] = [];
  const waiting: (() => void)[] = [];
  const send: SubgraphSend = ({ url, body }) => {
    received.push({ url, body });
    const answer = `{"data":{"n":${received.length}}}`;
    return new Promise((resolve) =>
      waiting.push(() => resolve({ status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: answer })),
    );
  };
  return { send, received, release: () => waiting.splice(0).forEach((answer) => answer()) };
}

const url = 'http://127.0.0.1:4001/graphql';
const query = JSON.stringify({ query: 'query Menu__orders__0{products(first:5){id}}', variables: {} });
const call = (body: string, headers: Record<string, string>, to = url) => ({ ...subgraphTarget(to), headers, body });
const alice = { authorization: 'Bearer alice', 'content-type': 'application/json' };

describe('shareIdenticalQueries', () => {
  it('answers identical queries in flight with one fetch, whatever their request IDs and trace context', async () => {
    const subgraph = heldSubgraph();
    const shared = shareIdenticalQueries(subgraph.send);
    const answers = [1, 2, 3].map((n) => shared(call(query, { ...alice, 'x-request-id': `r${n}`, traceparent: `t${n}` })));
    subgraph.release();
    const bodies = await Promise.all(answers.map(async (answer) => (await answer).body));
    expect(subgraph.received).toHaveLength(1);
    expect(bodies).toEqual(Array(3).fill('{"data":{"n":1}}'));
  });

  it('never shares between different credentials, documents, variables or subgraphs', async () => {
    const subgraph = heldSubgraph();
    const shared = shareIdenticalQueries(subgraph.send);
    const other = JSON.stringify({ query: 'query Menu__orders__0{products(first:5){id}}', variables: { a: 1 } });
    void shared(call(query, alice));
    void shared(call(query, { ...alice, authorization: 'Bearer bob' }));
    void shared(call(query, { 'content-type': 'application/json' }));
    void shared(call(other, alice));
    void shared(call(query, alice, 'http://127.0.0.1:4002/graphql'));
    void shared(call(query, { ...alice, 'x-tenant-hint': 'b' }));
    subgraph.release();
    expect(subgraph.received).toHaveLength(6);
  });

  it('never shares mutations, and shares nothing once the first fetch has finished', async () => {
    const subgraph = heldSubgraph();
    const shared = shareIdenticalQueries(subgraph.send);
    const mutation = JSON.stringify({ query: 'mutation{createOrder(idempotencyKey:"k",input:{lines:[]}){id}}' });
    void shared(call(mutation, alice));
    void shared(call(mutation, alice));
    const first = shared(call(query, alice));
    subgraph.release();
    await first;
    void shared(call(query, alice));
    expect(subgraph.received).toHaveLength(4);
  });

  it('gives every waiting caller the failure of the shared fetch, then fetches afresh', async () => {
    let calls = 0;
    const failing: SubgraphSend = async () => {
      calls++;
      throw new Error('subgraph down');
    };
    const shared = shareIdenticalQueries(failing);
    const results = await Promise.allSettled([shared(call(query, alice)), shared(call(query, alice))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(shared(call(query, alice))).rejects.toThrow('subgraph down');
    expect(calls).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import type { InProcessHandler, InProcessRequest } from '../platform/telemetry/traced-in-process-handler.js';
import { shareIdenticalQueries } from './in-flight-sharing.js';
import { inProcessTransport } from './in-process-transport.js';
import { createSubgraphClient, subgraphTarget, type SubgraphTransport } from './subgraph-client.js';

const ordersUrl = 'http://127.0.0.1:4001/graphql';
const remoteUrl = 'http://10.0.0.9:4002/graphql';
const query = JSON.stringify({ query: 'query Menu__orders__0{products(first:5){id}}', variables: {} });
const headers = { authorization: 'Bearer alice', 'content-type': 'application/json', 'x-request-id': 'r1' };

/** A subgraph that answers at once (as a cached menu does), recording what it was handed. */
function answeringSubgraph() {
  const received: InProcessRequest[] = [];
  const handler: InProcessHandler = async (request) => {
    received.push(request);
    return new Response(`{"data":{"n":${received.length}}}`, {
      status: 200,
      statusText: 'OK',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'max-age=30' },
    });
  };
  return { handler, received };
}

const unreachable: SubgraphTransport = async () => {
  throw new Error('no network in this test');
};

describe('inProcessTransport', () => {
  it('hands a call for a subgraph of this process to its handler, and its answer back with header names in lower case', async () => {
    const subgraph = answeringSubgraph();
    const transport = inProcessTransport(new Map([[ordersUrl, subgraph.handler]]), unreachable);
    const answer = await transport({ ...subgraphTarget(ordersUrl), headers, body: query }, headers);
    expect(subgraph.received).toEqual([{ url: ordersUrl, headers, body: query }]);
    expect(answer).toEqual({
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'max-age=30' },
      body: '{"data":{"n":1}}',
    });
  });

  it('sends a call for any other URL over the network transport', async () => {
    const subgraph = answeringSubgraph();
    const overNetwork: string[] = [];
    const network: SubgraphTransport = async (call) => {
      overNetwork.push(call.url);
      return { status: 200, statusText: 'OK', headers: {}, body: '{}' };
    };
    await inProcessTransport(new Map([[ordersUrl, subgraph.handler]]), network)(
      { ...subgraphTarget(remoteUrl), headers, body: query },
      headers,
    );
    expect(overNetwork).toEqual([remoteUrl]);
    expect(subgraph.received).toEqual([]);
  });

  it('sends a call for a subgraph that closed over the network, where a client of another process would meet it', async () => {
    const overNetwork: string[] = [];
    const network: SubgraphTransport = async (call) => {
      overNetwork.push(call.url);
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4001'), { code: 'ECONNREFUSED' });
    };
    const closed: InProcessHandler = async () => undefined;
    const transport = inProcessTransport(new Map([[ordersUrl, closed]]), network);
    await expect(transport({ ...subgraphTarget(ordersUrl), headers, body: query }, headers)).rejects.toThrow(/ECONNREFUSED/);
    expect(overNetwork).toEqual([ordersUrl]);
  });

  it('keeps a call in flight until the next turn of the event loop, so identical queries read in one turn share it', async () => {
    const subgraph = answeringSubgraph();
    const send = shareIdenticalQueries(createSubgraphClient(inProcessTransport(new Map([[ordersUrl, subgraph.handler]]), unreachable)));
    const first = send({ ...subgraphTarget(ordersUrl), headers, body: query });
    // Another client's request read later in the same turn: an answer handed over at once would already be gone.
    for (let tick = 0; tick < 50; tick++) await Promise.resolve();
    const second = send({ ...subgraphTarget(ordersUrl), headers: { ...headers, 'x-request-id': 'r2' }, body: query });
    const bodies = (await Promise.all([first, second])).map((answer) => answer.body);
    expect(subgraph.received).toHaveLength(1);
    expect(bodies).toEqual(['{"data":{"n":1}}', '{"data":{"n":1}}']);
  });
});

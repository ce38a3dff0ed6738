import { buildSchema } from 'graphql';
import { createClient, makeServer, type Client } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessGraphqlWs, type InProcessGraphqlWs, type InProcessSocketExtra } from './in-process-graphql-ws.js';

const schema = buildSchema(`
  type Query { ready: Boolean }
  type Subscription { count(to: Int!): Int, forever: Int }
`);

/** A graphql-ws server over a tiny schema: `count` yields 1..to, `forever` yields until the client leaves. */
function server(seen: { params?: unknown; extra?: InProcessSocketExtra }) {
  return inProcessGraphqlWs(
    makeServer<Record<string, unknown> | undefined, InProcessSocketExtra>({
      schema,
      onConnect: (ctx) => {
        seen.params = ctx.connectionParams;
        seen.extra = ctx.extra;
        return ctx.connectionParams?.token === 'good';
      },
      roots: {
        subscription: {
          count: async function* ({ to }: { to: number }) {
            for (let i = 1; i <= to; i++) yield { count: i };
          },
          forever: async function* () {
            for (let i = 0; ; i++) {
              yield { forever: i };
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
          },
        },
      },
    }),
  );
}

function collect(client: Client, query: string): Promise<{ values: unknown[]; error?: unknown }> {
  const values: unknown[] = [];
  return new Promise((resolve) =>
    client.subscribe(
      { query },
      { next: (value) => values.push(value.data), error: (error) => resolve({ values, error }), complete: () => resolve({ values }) },
    ),
  );
}

describe('graphql-ws in process (no socket)', () => {
  let ws: InProcessGraphqlWs | undefined;
  const clients: Client[] = [];
  const client = (token: string) => {
    const created = createClient({
      url: 'ws://in-process/graphql',
      webSocketImpl: ws!.WebSocket,
      connectionParams: { token },
      retryAttempts: 0,
    });
    clients.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((created) => created.dispose()));
    ws?.close();
  });

  it('carries connectionParams and every event in order, with no request in ctx.extra', async () => {
    const seen: { params?: unknown; extra?: InProcessSocketExtra } = {};
    ws = server(seen);
    const { values, error } = await collect(client('good'), 'subscription { count(to: 5) }');
    expect(error).toBeUndefined();
    expect(values).toEqual([1, 2, 3, 4, 5].map((count) => ({ count })));
    expect(seen.params).toEqual({ token: 'good' });
    expect(seen.extra?.request).toBeUndefined();
  });

  it('closes with 4403 when onConnect refuses, as the network server does', async () => {
    ws = server({});
    const { error } = await collect(client('bad'), 'subscription { count(to: 1) }');
    expect(error).toMatchObject({ code: 4403 });
    expect(ws.openSockets()).toBe(0);
  });

  it('ends subscriptions with 1006 when terminated, and refuses new sockets once closed', async () => {
    ws = server({});
    const following = client('good');
    const running = collect(following, 'subscription { forever }');
    await new Promise((resolve) => setTimeout(resolve, 30));
    ws.terminateAll();
    const { values, error } = await running;
    expect(values.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ code: 1006 });

    ws.close();
    const refused = await collect(client('good'), 'subscription { count(to: 1) }');
    expect(refused.values).toEqual([]);
    expect(refused.error).toBeDefined();
  });
});

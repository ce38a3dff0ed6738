import { buildSchema, GraphQLError, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCostRule } from './operation-cost-rule.js';

const schema = buildSchema(`
  type Query {
    search(query: String!, first: Int! = 10, rerank: Boolean! = false): [Hit!]!
    orders(first: Int, after: String): OrderConnection!
    assembleContext(query: String!): Context!
    documents: [Document!]!
  }
  type Hit { score: Float! document: Document! }
  type Document { id: ID! chunks: [Chunk!]! }
  type Chunk { id: ID! text: String! }
  type Context { text: String! }
  type OrderConnection { edges: [OrderEdge!]! }
  type OrderEdge { node: Order! }
  type Order { id: ID! helpArticles: [Document!]! }
`);

function costOf(query: string): number {
  let cost = 0;
  validate(schema, parse(query), [operationCostRule(-1, (_context, estimated) => (cost = estimated))]);
  return cost;
}

describe('operationCostRule', () => {
  it('weighs heavy fields, reranking, and each returned object with its selection', () => {
    expect(costOf('{ search(query: "a", first: 50) { score } }')).toBe(50 + 50 * 1);
    expect(costOf('{ search(query: "a", first: 50, rerank: true) { score } }')).toBe(200 + 50 * 1);
    expect(costOf('{ search(query: "a") { document { chunks { id } } } }')).toBe(50 + 10 * (1 + (1 + 10 * 1)));
    expect(costOf('{ assembleContext(query: "a") { text } }')).toBe(200 + 1);
    expect(costOf('{ documents { id } }')).toBe(10);
  });

  it('counts a connection by its first and not its edges again; a variable first without a default as 100', () => {
    expect(costOf('{ orders(first: 5) { edges { node { helpArticles { id } } } } }')).toBe(5 * (1 + 1 * (1 + 1 * (1 + 10))));
    expect(costOf('query($n: Int) { orders(first: $n) { edges { node { id } } } }')).toBe(100 * (1 + 1 * (1 + 1)));
    expect(costOf('query($n: Int = 3) { orders(first: $n) { edges { node { id } } } }')).toBe(3 * (1 + 1 * (1 + 1)));
  });

  it('costs fragments once each however often they are spread, and introspection nothing', () => {
    const bomb = `{ documents { ...F2 ...F2 } }
      fragment F2 on Document { chunks { ...F1 } chunks2: chunks { ...F1 } }
      fragment F1 on Chunk { id text }`;
    expect(costOf(bomb)).toBe(10 * (1 + 2 * 2 * 10));
    expect(costOf('{ __schema { types { fields { type { ofType { name } } } } } }')).toBe(0);
  });

  it('reports through the callback only above the limit', () => {
    const errors = validate(schema, parse('{ documents { id } }'), [
      operationCostRule(9, (context, cost) => context.reportError(new GraphQLError(`cost ${cost}`))),
    ]);
    expect(errors.map((error) => error.message)).toEqual(['cost 10']);
    expect(validate(schema, parse('{ documents { id } }'), [operationCostRule(10, () => expect.fail())])).toEqual([]);
  });
});

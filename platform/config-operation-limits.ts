import { z } from 'zod';

const limit = (min: number, max: number, fallback: number) => {
  const message = `expected an integer from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback);
};

/**
 * The operation limits (docs/security.md, "Operation limits"), the same at the gateway and in every subgraph, and the
 * gateway's graphql-ws caps; part of the schema loadConfig() parses.
 */
export const operationLimitFields = {
  /** Nesting of fields: the deepest operation the clients and tests use is 6 (orderEvents → order → helpArticles → chunks). */
  GRAPHQL_MAX_DEPTH: limit(2, 100, 10),
  GRAPHQL_MAX_ALIASES: limit(1, 1000, 15),
  /** Lexical tokens of the operation text: counted while parsing, which stops at the limit. */
  GRAPHQL_MAX_TOKENS: limit(100, 100_000, 2_000),
  GRAPHQL_MAX_DIRECTIVES: limit(1, 1000, 50),
  /** Estimated cost (platform/server/operation-cost-rule.ts: list sizes from `first`, heavy fields weighted). */
  GRAPHQL_MAX_COST: limit(10, 1_000_000, 5_000),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: limit(1, 1000, 20),
  WS_MAX_SOCKETS_PER_USER: limit(1, 1000, 10),
};

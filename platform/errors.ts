import { GraphQLError } from 'graphql';

/** Stable `extensions.code` values clients can switch on. */
export const ErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  BadUserInput: 'BAD_USER_INPUT',
  SubgraphUnavailable: 'SUBGRAPH_UNAVAILABLE',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const httpStatus: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/** An expected failure: shown to the client as is, with a code and (over HTTP) a status. */
export function appError(code: ErrorCode | string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  const status = httpStatus[code as ErrorCode];
  return new GraphQLError(message, { extensions: { code, ...extra, ...(status ? { http: { status } } : {}) } });
}

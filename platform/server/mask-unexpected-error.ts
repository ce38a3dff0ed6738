import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';

/** graphql is loaded both as ESM and CommonJS (by @apollo/*), so `instanceof GraphQLError` is unreliable: check the shape. */
function expectedCode(error: unknown): string | undefined {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return typeof code === 'string' && code !== ErrorCode.Internal ? code : undefined;
}

/**
 * Expected errors (those carrying an `extensions.code`) reach the client as they are; anything else is logged with the
 * request ID and replaced by a generic message, so internals never leak.
 */
export function maskUnexpectedError(logger: Logger) {
  return (error: unknown, message: string): Error => {
    if (expectedCode(error)) return error as Error;
    const original = (error as { originalError?: unknown }).originalError ?? error;
    logger.error({ err: original }, 'unexpected error');
    return new GraphQLError(message, {
      path: (error as GraphQLError).path,
      extensions: { code: ErrorCode.Internal },
    });
  };
}

import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GENERIC_INTERNAL_MESSAGE, maskGatewayError } from './mask-gateway-errors.js';

describe('maskGatewayError (production)', () => {
  it('turns a raw runtime message into INTERNAL_SERVER_ERROR, whatever code Apollo gave it', () => {
    // As Apollo Server reports a parser's stack overflow: SyntaxError(GraphQLError(RangeError)).
    const parseFailure = new GraphQLError('Maximum call stack size exceeded', {
      originalError: new GraphQLError('Maximum call stack size exceeded', {
        originalError: new RangeError('Maximum call stack size exceeded'),
      }),
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    expect(maskGatewayError({ message: parseFailure.message, extensions: parseFailure.extensions }, parseFailure)).toEqual({
      message: GENERIC_INTERNAL_MESSAGE,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    const noCode = { message: 'connect ECONNREFUSED 10.0.0.7:4001', path: ['products'] };
    expect(maskGatewayError(noCode, new Error(noCode.message))).toEqual({
      message: GENERIC_INTERNAL_MESSAGE,
      path: ['products'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it("keeps an expected error's message, code and own details, without the gateway's internal extensions", () => {
    const formatted = {
      message: 'There is no promotion with the code X',
      extensions: {
        code: 'PROMO_NOT_FOUND',
        promoCode: 'X',
        serviceName: 'orders',
        response: { url: 'http://10.0.0.7:4001/graphql', body: '{}' },
        exception: { stacktrace: ['at x'] },
      },
    };
    expect(maskGatewayError(formatted, new GraphQLError(formatted.message, { extensions: formatted.extensions }))).toEqual({
      message: 'There is no promotion with the code X',
      extensions: { code: 'PROMO_NOT_FOUND', promoCode: 'X' },
    });
  });
});

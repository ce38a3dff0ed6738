import { describe, expect, it } from 'vitest';
import { errorCodeLabel, operationNameLabel } from './graphql-metrics.js';

describe('GraphQL metric labels stay bounded', () => {
  it('keeps GraphQL operation names, then counts new ones as other once 200 are known', () => {
    expect(operationNameLabel('bounded-test', undefined)).toBe('anonymous');
    expect(operationNameLabel('bounded-test', 'not a name!')).toBe('other');
    for (let index = 0; index < 200; index++) expect(operationNameLabel('bounded-test', `Op${index}`)).toBe(`Op${index}`);
    expect(operationNameLabel('bounded-test', 'OneTooMany')).toBe('other');
    expect(operationNameLabel('bounded-test', 'Op7')).toBe('Op7');
    expect(operationNameLabel('another-service', 'OneTooMany')).toBe('OneTooMany');
  });

  it('keeps our error codes and bounds anything else', () => {
    expect(errorCodeLabel('RATE_LIMITED')).toBe('RATE_LIMITED');
    expect(errorCodeLabel(undefined)).toBe('UNKNOWN');
    expect(errorCodeLabel('made up by someone')).toBe('OTHER');
    expect(errorCodeLabel(42)).toBe('OTHER');
  });
});

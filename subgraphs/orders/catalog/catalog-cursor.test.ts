import { describe, expect, it } from 'vitest';
import { decodeCatalogCursor, encodeCatalogCursor } from './catalog-cursor.js';
import { encodeCursor } from '../../../platform/pagination-cursor.js';

const id = '3f1c2a9e-1b2c-4d5e-8f90-123456789abc';
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as any).extensions?.code;
  }
  return undefined;
};

describe('catalog cursors', () => {
  it('round-trip both orders exactly (a float4 rank included)', () => {
    expect(decodeCatalogCursor(encodeCatalogCursor({ order: 'name', name: 'Garden Pizza (vegan)', id }), 'name')).toEqual({
      order: 'name',
      name: 'Garden Pizza (vegan)',
      id,
    });
    expect(decodeCatalogCursor(encodeCatalogCursor({ order: 'rank', rank: 0.66871977, id }), 'rank')).toEqual({
      order: 'rank',
      rank: 0.66871977,
      id,
    });
  });

  it('refuses a cursor of the other order, a forged one and garbage', () => {
    expect(codeOf(() => decodeCatalogCursor(encodeCatalogCursor({ order: 'name', name: 'A', id }), 'rank'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCatalogCursor(encodeCursor(['r', '1; drop table products', id]), 'rank'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCatalogCursor(encodeCursor(['n', 'A', 'not-a-uuid']), 'name'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCatalogCursor(encodeCursor(['r', -1, id]), 'rank'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCatalogCursor('not-a-cursor', 'name'))).toBe('BAD_USER_INPUT');
  });
});

import { appError, ErrorCode } from '../../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../../platform/pagination-cursor.js';
import { isUuid } from '../../../platform/is-uuid.js';

/**
 * Where a page ends in one of the catalog's two orders: by name (then id) without a search text, by relevance
 * (`ts_rank` descending, then id) with one. The rank is PostgreSQL's `real`, which survives JSON exactly.
 */
export type CatalogCursor = { order: 'name'; name: string; id: string } | { order: 'rank'; rank: number; id: string };

export function encodeCatalogCursor(cursor: CatalogCursor): string {
  return encodeCursor(cursor.order === 'name' ? ['n', cursor.name, cursor.id] : ['r', cursor.rank, cursor.id]);
}

/** Also checks that the cursor belongs to the order of this query (a name cursor cannot continue a search). */
export function decodeCatalogCursor(cursor: string, order: CatalogCursor['order']): CatalogCursor {
  const [tag, key, id] = decodeCursor(cursor, 3);
  if (typeof id !== 'string' || !isUuid(id)) throw invalid();
  if (order === 'name' && tag === 'n' && typeof key === 'string') return { order, name: key, id };
  if (order === 'rank' && tag === 'r' && typeof key === 'number' && Number.isFinite(key) && key >= 0) return { order, rank: key, id };
  if (tag === 'n' || tag === 'r') {
    throw appError(
      ErrorCode.BadUserInput,
      'This cursor belongs to a listing ordered differently: with or without filter.text must match the first page',
      { argumentName: 'after' },
    );
  }
  throw invalid();
}

const invalid = () =>
  appError(ErrorCode.BadUserInput, 'Invalid cursor: pass an endCursor returned by a previous page', { argumentName: 'after' });

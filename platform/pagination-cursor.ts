import { appError, ErrorCode } from './errors.js';

/** Opaque keyset cursor: clients must not depend on its contents, which lets the sort key change later. */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === arity) return parts;
  } catch {
    // fall through to the client error below
  }
  throw appError(ErrorCode.BadUserInput, 'Invalid cursor: pass an endCursor returned by a previous page', { argumentName: 'after' });
}

export function clampPageSize(first: number | null | undefined, { fallback = 20, max = 100 } = {}): number {
  if (first == null) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw appError(ErrorCode.BadUserInput, `"first" must be between 1 and ${max}`, { argumentName: 'first' });
  }
  return first;
}

import type { RowMode } from '@electric-sql/pglite';

/** Options that can cross the thread: PGlite's parsers, serializers and notice callbacks are functions and cannot. */
export interface ThreadQueryOptions {
  rowMode?: RowMode;
  /** COPY ... FROM '/dev/blob' input, as bytes. */
  blob?: Uint8Array<ArrayBuffer>;
  paramTypes?: number[];
}

/** `transaction` names an open transaction of this client's; without it a statement runs on its own. */
export type PgliteRequest = { id: number } & (
  | ({ op: 'query'; sql: string; params: unknown[]; transaction?: number } & ThreadQueryOptions)
  | ({ op: 'exec'; sql: string; transaction?: number } & ThreadQueryOptions)
  | { op: 'begin' }
  | { op: 'end'; transaction: number; commit: boolean }
  | { op: 'close' }
);

/** An error's own fields (PostgreSQL's code, detail, constraint, ...) survive the trip; its class does not. */
export interface SerializedError {
  name: string;
  message: string;
  props: Record<string, unknown>;
}

/** Id 0 answers the start: 'ready', or why the database could not open. */
export type PgliteResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

/** A chunk as read back: what search returns and `Document.chunks` lists. */
export interface StoredChunk {
  id: string;
  documentId: string;
  ordinal: number;
  /** The document's title, denormalised for full-text weighting. */
  title: string;
  text: string;
  headingPath: string[];
  tokenCount: number;
  embedderId: string | null;
}

/** A chunk row as stored: what ChunkRepository writes with INSERT, and the PGlite bulk writer with COPY. */
export interface ChunkRecord {
  id: string;
  tenantId: string;
  documentId: string;
  scope: string;
  ordinal: number;
  title: string;
  text: string;
  headingPath: readonly string[];
  tokenCount: number;
  embedderId: string;
  embedding: ArrayLike<number>;
}

export interface ChunkRow {
  id: string;
  document_id: string;
  ordinal: number;
  title: string;
  text: string;
  heading_path: string[] | string;
  token_count: number;
  embedder_id: string | null;
}

export function toStoredChunk(row: ChunkRow): StoredChunk {
  return {
    id: row.id,
    documentId: row.document_id,
    ordinal: row.ordinal,
    title: row.title,
    text: row.text,
    headingPath: parseTextArray(row.heading_path),
    tokenCount: row.token_count,
    embedderId: row.embedder_id,
  };
}

/** `{"a","b \"c\""}`: a text[] literal, so arrays need no driver-specific parameter handling. */
export function toTextArrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/** Drivers return text[] parsed (pg) or as its literal (PGlite with raw array parsing). */
export function parseTextArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  if (value === '{}') return [];
  const out: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|([^,{}]+)/g;
  for (const match of value.slice(1, -1).matchAll(pattern)) {
    out.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!);
  }
  return out;
}

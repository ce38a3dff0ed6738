import type { NewDocument } from './document-write-repository.js';
import type { DocumentFormat } from './extract-text.js';

/** One document to ingest: its metadata, format and raw content. */
export interface IngestRequest extends Omit<NewDocument, 'format'> {
  format: DocumentFormat;
  content: Uint8Array | string;
  title?: string | null;
}

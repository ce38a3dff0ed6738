import { appError, ErrorCode } from '../../../platform/errors.js';
import { DEFAULT_EXTRACT_LIMITS } from './extract-text.js';
import type { IngestDocumentInput } from './ingestion.type.js';

const SCOPE = /^[a-z0-9][a-z0-9_-]{0,49}$/;
const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 50;
const MAX_TITLE_LENGTH = 300;
const MAX_METADATA_BYTES = 16 * 1024;

/**
 * Document content is allowed above the platform's per-string input limit (INPUT_MAX_STRING_BYTES): twice the
 * extraction limit, so the base64 of a document at that limit fits (a third larger), and a larger document still
 * reaches extraction and fails as DOCUMENT_TOO_LARGE. A multipart upload reaches the subgraph as `file.base64`.
 */
const CONTENT_STRING_BYTES = 2 * DEFAULT_EXTRACT_LIMITS.maxBytes;
export const INGESTION_LARGE_STRING_INPUTS: Readonly<Record<string, number>> = {
  'ingestDocument.input.text': CONTENT_STRING_BYTES,
  'ingestDocument.input.contentBase64': CONTENT_STRING_BYTES,
  'ingestDocument.input.file': CONTENT_STRING_BYTES,
};

const invalid = (field: string, message: string) => appError(ErrorCode.BadUserInput, message, { field });

export function validateScope(scope: string): void {
  if (!SCOPE.test(scope)) throw invalid('scope', 'scope must be 1-50 lower-case letters, digits, "_" or "-", e.g. menu, policies, faq.');
}

/** Checks everything that can be checked before the job is queued; the content itself is checked by extraction. */
export function validateIngestInput(input: IngestDocumentInput): void {
  validateScope(input.scope);
  if (input.title !== undefined && input.title !== null && (input.title.trim() === '' || input.title.length > MAX_TITLE_LENGTH)) {
    throw invalid('title', `title must be 1-${MAX_TITLE_LENGTH} characters.`);
  }
  const tags = input.tags ?? [];
  if (tags.length > MAX_TAGS || tags.some((tag) => tag.trim() === '' || tag.length > MAX_TAG_LENGTH)) {
    throw invalid('tags', `at most ${MAX_TAGS} tags of 1-${MAX_TAG_LENGTH} characters.`);
  }
  if (input.metadata && Buffer.byteLength(JSON.stringify(input.metadata)) > MAX_METADATA_BYTES) {
    throw invalid('metadata', `metadata must be at most ${MAX_METADATA_BYTES} bytes of JSON.`);
  }
  if (input.format === 'PDF' && input.text != null) throw invalid('text', 'PDF content must be sent as contentBase64.');
}

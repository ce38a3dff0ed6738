/** Stable `extensions.code` values for document ingestion failures, alongside the platform's `ErrorCode`. */
export const IngestionErrorCode = {
  /** Raw input above the byte limit, or extracted text above the character limit. */
  DocumentTooLarge: 'DOCUMENT_TOO_LARGE',
  /** A format we do not handle, or content that is not what its format claims (e.g. no `%PDF-` header). */
  UnsupportedDocument: 'UNSUPPORTED_DOCUMENT',
  /** The content is the right kind but cannot be read: corrupt/truncated/encrypted PDF, invalid UTF-8, no text. */
  DocumentUnreadable: 'DOCUMENT_UNREADABLE',
  /** The replicas running the job stopped mid-way more often than the queue allows (INGESTION_MAX_ATTEMPTS). */
  IngestionAbandoned: 'INGESTION_ABANDONED',
} as const;
export type IngestionErrorCode = (typeof IngestionErrorCode)[keyof typeof IngestionErrorCode];

import { appError } from '../../../platform/errors.js';
import { extractHtml } from './extract-html.js';
import { extractPdf } from './extract-pdf.js';
import { IngestionErrorCode } from './ingestion-error-code.js';
import { normaliseText } from './normalise-text.js';

export type DocumentFormat = 'TEXT' | 'MARKDOWN' | 'HTML' | 'PDF';
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = ['TEXT', 'MARKDOWN', 'HTML', 'PDF'];

export interface ExtractInput {
  format: DocumentFormat;
  /** Raw bytes (UTF-8 for the text formats) or, for TEXT/MARKDOWN/HTML only, an already-decoded string. */
  content: Uint8Array | string;
}

export interface ExtractedDocument {
  /**
   * Normalised text (see `normaliseText`). MARKDOWN is kept as markdown; HTML is rendered as markdown-like
   * text (`#` headings, fenced `<pre>`), so both suit the MARKDOWN chunking strategy; TEXT and PDF are plain.
   */
  text: string;
  format: DocumentFormat;
  /** MARKDOWN: first `#` heading; HTML: `<title>` or first `<h1>`; PDF: the Title metadata entry. */
  title?: string;
}

export interface ExtractLimits {
  /** Raw input size in bytes (a string is measured as UTF-8). @default 10 MiB */
  maxBytes: number;
  /** Extracted text length in UTF-16 code units. @default 2_000_000 */
  maxChars: number;
  /** @default 500 */
  maxPdfPages: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = { maxBytes: 10 * 1024 * 1024, maxChars: 2_000_000, maxPdfPages: 500 };

function byteLength(content: Uint8Array | string): number {
  return typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
}

function decodeUtf8(content: Uint8Array | string): string {
  if (typeof content === 'string') return content;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw appError(IngestionErrorCode.DocumentUnreadable, 'The document is not valid UTF-8 text.', { reason: 'ENCODING' });
  }
}

function markdownTitle(markdown: string): string | undefined {
  const heading = /^ {0,3}#[ \t]+(.+?)[ \t#]*$/m.exec(markdown)?.[1];
  return heading?.replace(/[*_`~]/g, '').trim() || undefined;
}

/**
 * Turns an uploaded document into normalised text. Expected failures are GraphQL errors with stable codes
 * (`DOCUMENT_TOO_LARGE`, `UNSUPPORTED_DOCUMENT`, `DOCUMENT_UNREADABLE`); nothing else is thrown for bad input.
 */
export async function extractText(input: ExtractInput, limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS): Promise<ExtractedDocument> {
  const { format, content } = input;
  if (!DOCUMENT_FORMATS.includes(format)) {
    throw appError(IngestionErrorCode.UnsupportedDocument, `Unsupported document format: ${String(format)}.`);
  }
  const size = byteLength(content);
  if (size > limits.maxBytes) {
    throw appError(IngestionErrorCode.DocumentTooLarge, `The document is ${size} bytes; the limit is ${limits.maxBytes}.`, {
      limit: limits.maxBytes,
    });
  }

  let raw: { text: string; title?: string };
  switch (format) {
    case 'PDF':
      if (typeof content === 'string') {
        throw appError(IngestionErrorCode.UnsupportedDocument, 'PDF content must be bytes, not a string.');
      }
      raw = await extractPdf(content, limits.maxPdfPages);
      break;
    case 'HTML':
      raw = extractHtml(normaliseText(decodeUtf8(content)));
      break;
    case 'MARKDOWN': {
      const text = decodeUtf8(content);
      const title = markdownTitle(text);
      raw = title ? { text, title } : { text };
      break;
    }
    case 'TEXT':
      raw = { text: decodeUtf8(content) };
      break;
  }

  const text = normaliseText(raw.text);
  if (text.length > limits.maxChars) {
    throw appError(
      IngestionErrorCode.DocumentTooLarge,
      `The extracted text is ${text.length} characters; the limit is ${limits.maxChars}.`,
      { limit: limits.maxChars },
    );
  }
  if (text.trim() === '') {
    throw appError(IngestionErrorCode.DocumentUnreadable, 'The document contains no extractable text.', { reason: 'EMPTY' });
  }
  const title = raw.title === undefined ? undefined : normaliseText(raw.title);
  return title ? { text, format, title } : { text, format };
}

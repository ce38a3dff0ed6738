import { GraphQLError } from 'graphql';
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { appError } from '../../../platform/errors.js';
import { IngestionErrorCode } from './ingestion-error-code.js';

const PDF_MAGIC = '%PDF-';

function unreadable(reason: string, message: string) {
  return appError(IngestionErrorCode.DocumentUnreadable, message, { reason });
}

/**
 * A PDF ends with `%%EOF` (possibly followed by a little whitespace or junk); PDF.js silently rebuilds a
 * cut-off file and returns partial text, so a missing trailer marker is treated as truncation.
 */
function hasEofMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  return tail.includes('%%EOF');
}

export async function extractPdf(bytes: Uint8Array, maxPages: number): Promise<{ text: string; title?: string }> {
  if (Buffer.from(bytes.subarray(0, 1024)).toString('latin1').indexOf(PDF_MAGIC) === -1) {
    throw appError(IngestionErrorCode.UnsupportedDocument, 'The document is not a PDF (no %PDF- header).');
  }
  if (!hasEofMarker(bytes)) throw unreadable('TRUNCATED', 'The PDF is truncated (no %%EOF marker).');

  let pdf: Awaited<ReturnType<typeof getDocumentProxy>> | undefined;
  try {
    // PDF.js may transfer (detach) the buffer it is given, so it gets a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, stopAtErrors: true });
    if (pdf.numPages > maxPages) {
      throw appError(IngestionErrorCode.DocumentTooLarge, `The PDF has ${pdf.numPages} pages; the limit is ${maxPages}.`, {
        limit: maxPages,
      });
    }
    const { text } = await extractText(pdf, { mergePages: false });
    const { info } = await getMeta(pdf);
    const title = typeof info['Title'] === 'string' && info['Title'].trim() ? info['Title'].trim() : undefined;
    const body = text.map((page) => page.trim()).join('\n\n');
    return title ? { text: body, title } : { text: body };
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') throw unreadable('ENCRYPTED', 'The PDF is password-protected.');
    throw unreadable('CORRUPT', 'The PDF could not be read; it may be corrupt or truncated.');
  } finally {
    await pdf?.loadingTask.destroy().catch(() => undefined);
  }
}

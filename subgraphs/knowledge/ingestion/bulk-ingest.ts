import type { ChunkingSettings } from './chunk-document.js';
import { inThreadPreparer, workerPreparer } from './document-preparer.js';
import type { DocumentWriteRepository } from './document-write-repository.js';
import type { IngestRequest } from './ingest-request.js';
import type { PreparedDocument, PrepareOptions } from './prepare-document.js';

export interface BulkIngestOptions {
  documentsPerTransaction?: number;
  chunking?: Partial<ChunkingSettings>;
  onProgress?: (done: number) => void;
}

/**
 * Prepares documents like any ingestion and writes them `documentsPerTransaction` at a time, with the offline
 * embedder preparing the next batch on a worker thread while one is written. Returns the inserted documents' IDs.
 */
export async function bulkIngest(
  { writes, prepare }: { writes: DocumentWriteRepository; prepare: PrepareOptions },
  tenantId: string,
  requests: IngestRequest[],
  options: BulkIngestOptions = {},
): Promise<string[]> {
  const perTransaction = options.documentsPerTransaction ?? 250;
  const batches: IngestRequest[][] = [];
  for (let start = 0; start < requests.length; start += perTransaction) batches.push(requests.slice(start, start + perTransaction));
  const prepareOptions = options.chunking ? { ...prepare, chunking: options.chunking } : prepare;
  // The worker embeds the next batch while one is written. The first batch is prepared here, while it starts up.
  const inThread = inThreadPreparer(prepareOptions);
  const preparer = (batches.length > 1 ? workerPreparer(prepareOptions) : null) ?? inThread;
  const inserted: string[] = [];
  const preparing: Promise<PreparedDocument[]>[] = [];
  let requested = 0;
  const prepareAhead = () => {
    while (requested < batches.length && preparing.length <= preparer.lookahead) {
      const prepared = (requested === 0 ? inThread : preparer).prepare(batches[requested++]!);
      // Awaited in turn below; if a write fails first, an abandoned batch's failure is not left unhandled.
      prepared.catch(() => undefined);
      preparing.push(prepared);
    }
  };
  try {
    for (const [index, batch] of batches.entries()) {
      prepareAhead();
      const prepared = await preparing.shift()!;
      prepareAhead();
      inserted.push(
        ...(await writes.insertMany(
          tenantId,
          batch.map((request, i) => ({ document: { ...request }, prepared: prepared[i]! })),
        )),
      );
      options.onProgress?.(Math.min((index + 1) * perTransaction, requests.length));
    }
  } finally {
    await preparer.close();
  }
  return inserted;
}

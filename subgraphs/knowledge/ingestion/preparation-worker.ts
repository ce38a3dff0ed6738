import { parentPort, workerData } from 'node:worker_threads';
import { GraphQLError } from 'graphql';
import { LexicalEmbedder, type LexicalEmbedderJson } from '../embeddings/lexical-embedder.js';
import type { ChunkingSettings } from './chunk-document.js';
import type { ExtractLimits } from './extract-text.js';
import { prepareDocument, type PreparedDocument, type RawDocument } from './prepare-document.js';

/** What the worker is started with: everything {@link prepareDocument} needs, as plain data. */
export interface PreparationWorkerData {
  embedder: LexicalEmbedderJson;
  chunking?: Partial<ChunkingSettings>;
  limits?: ExtractLimits;
}

export interface PreparationRequest {
  id: number;
  documents: RawDocument[];
}

/** A GraphQLError crosses the thread boundary as its message and extensions (structured clone drops the rest). */
export type PreparationResponse =
  { id: number; prepared: PreparedDocument[] } | { id: number; error: { message: string; extensions?: Record<string, unknown> } };

const data = workerData as PreparationWorkerData;
const options = { embedder: LexicalEmbedder.fromJSON(data.embedder), chunking: data.chunking, limits: data.limits };

parentPort!.on('message', (request: PreparationRequest) => {
  void (async () => {
    try {
      const prepared: PreparedDocument[] = [];
      for (const document of request.documents) prepared.push((await prepareDocument(document, options))!);
      // The vectors' memory moves to the main thread instead of being copied.
      const buffers = new Set(
        prepared.flatMap((document) =>
          document.chunks.flatMap((chunk) => (chunk.embedding instanceof Float32Array ? [chunk.embedding.buffer as ArrayBuffer] : [])),
        ),
      );
      parentPort!.postMessage({ id: request.id, prepared } satisfies PreparationResponse, [...buffers]);
    } catch (error) {
      const extensions = error instanceof GraphQLError ? { ...error.extensions } : undefined;
      parentPort!.postMessage({
        id: request.id,
        error: { message: error instanceof Error ? error.message : String(error), ...(extensions ? { extensions } : {}) },
      } satisfies PreparationResponse);
    }
  })();
});

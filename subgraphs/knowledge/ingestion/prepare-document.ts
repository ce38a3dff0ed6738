import type { Embedder } from '../embeddings/embedder.js';
import type { LexicalEmbedder } from '../embeddings/lexical-embedder.js';
import { chunkDocument, chunkingFor, type ChunkingSettings, type DocumentChunk } from './chunk-document.js';
import { extractText, type DocumentFormat, type ExtractedDocument, type ExtractLimits, DEFAULT_EXTRACT_LIMITS } from './extract-text.js';
import { contentHash } from './normalise-text.js';

export interface RawDocument {
  format: DocumentFormat;
  content: Uint8Array | string;
  /** Overrides the title found in the document; one of the two is required. */
  title?: string | null;
  scope: string;
}

export interface PreparedChunk extends DocumentChunk {
  embedding: Float32Array | number[];
}

export interface PreparedDocument {
  title: string;
  text: string;
  contentHash: string;
  byteSize: number;
  chunks: PreparedChunk[];
}

export interface PrepareStages {
  onExtracted?(info: { contentHash: string; title: string }): Promise<'continue' | 'stop'> | 'continue' | 'stop';
  onChunked?(chunkCount: number): void | Promise<void>;
  onEmbedded?(embeddedSoFar: number): void | Promise<void>;
}

export interface PrepareOptions {
  embedder: Embedder;
  chunking?: Partial<ChunkingSettings>;
  limits?: ExtractLimits;
  /** Texts per embedder call: progress is reported between batches. @default 64 */
  embedBatchSize?: number;
}

/** Headings travel with the chunk text into the embedding: "Refunds" under "Cancellation policy" should match both. */
export function chunkEmbeddingText(title: string, chunk: Pick<DocumentChunk, 'headingPath' | 'text'>): { title: string; text: string } {
  const context = [title, ...chunk.headingPath].filter((part, i, all) => part && all.indexOf(part) === i).join(' › ');
  return { title: context, text: chunk.text };
}

/**
 * Extract → chunk → embed, all outside any database transaction (the embedder may be a network call).
 * Returns null when `onExtracted` says the content is already indexed.
 */
export async function prepareDocument(
  raw: RawDocument,
  options: PrepareOptions,
  stages: PrepareStages = {},
): Promise<PreparedDocument | null> {
  const extracted = await extractText({ format: raw.format, content: raw.content }, options.limits ?? DEFAULT_EXTRACT_LIMITS);
  const title = raw.title?.trim() || extracted.title || firstLine(extracted.text);
  const hash = contentHash(extracted.text);
  if ((await stages.onExtracted?.({ contentHash: hash, title })) === 'stop') return null;
  const byteSize = typeof raw.content === 'string' ? Buffer.byteLength(raw.content) : raw.content.byteLength;
  return {
    title,
    text: extracted.text,
    contentHash: hash,
    byteSize,
    chunks: await chunkAndEmbed(extracted, title, raw.scope, options, stages),
  };
}

/** Chunking and embedding of already extracted text: ingestion's second half, and all of a reindex. */
export async function chunkAndEmbed(
  extracted: ExtractedDocument,
  title: string,
  scope: string,
  options: PrepareOptions,
  stages: PrepareStages = {},
): Promise<PreparedChunk[]> {
  const chunks = chunkDocument(extracted, chunkingFor(scope, options.chunking));
  await stages.onChunked?.(chunks.length);
  const batchSize = options.embedBatchSize ?? 64;
  const prepared: PreparedChunk[] = [];
  for (let start = 0; start < chunks.length; start += batchSize) {
    const batch = chunks.slice(start, start + batchSize);
    const vectors = await embedChunkTexts(
      options.embedder,
      batch.map((chunk) => chunkEmbeddingText(title, chunk)),
    );
    batch.forEach((chunk, i) => prepared.push({ ...chunk, embedding: vectors[i]! }));
    await stages.onEmbedded?.(prepared.length);
  }
  return prepared;
}

/** Embedders that weigh titles separately (the lexical one) get them apart; others get the title as the first line. */
export async function embedChunkTexts(embedder: Embedder, texts: { title: string; text: string }[]): Promise<(Float32Array | number[])[]> {
  const titled = embedder as Embedder & Partial<Pick<LexicalEmbedder, 'embedDocuments'>>;
  if (typeof titled.embedDocuments === 'function') return titled.embedDocuments(texts);
  return embedder.embed(
    texts.map(({ title, text }) => (title ? `${title}\n\n${text}` : text)),
    'document',
  );
}

function firstLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '') ?? 'Untitled';
  return line
    .trim()
    .replace(/^#+\s*/, '')
    .slice(0, 200);
}

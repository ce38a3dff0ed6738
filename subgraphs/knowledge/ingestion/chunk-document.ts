import { appError, ErrorCode } from '../../../platform/errors.js';
import type { ExtractedDocument } from './extract-text.js';
import { chunkMarkdown } from './markdown-chunker.js';
import { assertChunkOptions, chunkByTokens } from './token-chunker.js';

export type ChunkingStrategy = 'TOKEN' | 'MARKDOWN';

export interface ChunkingSettings {
  /**
   * MARKDOWN applies to MARKDOWN and HTML documents (HTML is extracted as markdown-like text); TEXT and PDF
   * have no reliable structure and are always chunked by tokens.
   */
  strategy: ChunkingStrategy;
  maxTokens: number;
  overlapTokens: number;
}

export interface DocumentChunk {
  /** Position in the document, from 0. */
  index: number;
  text: string;
  tokenCount: number;
  /** UTF-16 offsets into `ExtractedDocument.text`. */
  start: number;
  end: number;
  /** Enclosing headings, outermost first; empty for TOKEN chunking. */
  headingPath: string[];
  /** A code block or table over `maxTokens`, kept whole. */
  oversized: boolean;
}

export type KnowledgeScope = 'menu' | 'policies' | 'faq' | 'default';

/**
 * Per-scope defaults. Menu items and FAQ answers are short and self-contained, so small chunks without
 * overlap keep one dish or one answer per chunk; policies are long prose where overlap preserves context
 * across a boundary.
 */
export const DEFAULT_CHUNKING: Readonly<Record<KnowledgeScope, Readonly<ChunkingSettings>>> = {
  menu: { strategy: 'MARKDOWN', maxTokens: 256, overlapTokens: 0 },
  policies: { strategy: 'MARKDOWN', maxTokens: 512, overlapTokens: 64 },
  faq: { strategy: 'MARKDOWN', maxTokens: 384, overlapTokens: 0 },
  default: { strategy: 'MARKDOWN', maxTokens: 512, overlapTokens: 64 },
};

/** The settings for a scope (unknown scopes get `default`), with optional per-call overrides. */
export function chunkingFor(scope: string, overrides: Partial<ChunkingSettings> = {}): ChunkingSettings {
  const base = Object.hasOwn(DEFAULT_CHUNKING, scope) ? DEFAULT_CHUNKING[scope as KnowledgeScope] : DEFAULT_CHUNKING.default;
  return { ...base, ...overrides };
}

export function chunkDocument(extracted: ExtractedDocument, settings: ChunkingSettings): DocumentChunk[] {
  if (settings.strategy !== 'TOKEN' && settings.strategy !== 'MARKDOWN') {
    throw appError(ErrorCode.BadUserInput, `Unknown chunking strategy: ${String(settings.strategy)}.`, { field: 'strategy' });
  }
  const options = { maxTokens: settings.maxTokens, overlapTokens: settings.overlapTokens };
  assertChunkOptions(options);
  const structured = extracted.format === 'MARKDOWN' || extracted.format === 'HTML';
  const chunks =
    settings.strategy === 'MARKDOWN' && structured
      ? chunkMarkdown(extracted.text, options)
      : chunkByTokens(extracted.text, options).map((chunk) => ({ ...chunk, headingPath: [], oversized: false }));
  return chunks.map((chunk, index) => ({ index, ...chunk }));
}

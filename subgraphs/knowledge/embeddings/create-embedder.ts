import { readFile } from 'node:fs/promises';
import type { Config } from '../../../platform/config.js';
import { cachedEmbedder, InMemoryEmbeddingCache } from './embedding-cache.js';
import type { Embedder } from './embedder.js';
import { LexicalEmbedder, type LexicalEmbedderJson } from './lexical-embedder.js';
import { createOpenAIEmbedder } from './openai-embedder.js';
import { TransformersEmbedder } from './transformers-embedder.js';

/** Vectors cached per (embedder ID, purpose, text): re-ingesting or re-asking the same text costs no model call. */
const EMBEDDING_CACHE_ENTRIES = 20_000;

/**
 * The embedder the configuration names. The offline default is the lexical embedder, with corpus statistics from
 * EMBEDDING_LEXICAL_STATISTICS when given (fitted with `npm run knowledge:fit-lexical`), else without idf.
 */
export async function createEmbedder(config: Config): Promise<Embedder> {
  switch (config.EMBEDDING_PROVIDER) {
    case 'lexical':
      return config.EMBEDDING_LEXICAL_STATISTICS ? loadLexicalEmbedder(config.EMBEDDING_LEXICAL_STATISTICS) : new LexicalEmbedder();
    case 'openai':
      return cachedEmbedder(
        createOpenAIEmbedder({
          model: config.EMBEDDING_MODEL!,
          dimensions: config.EMBEDDING_DIMENSIONS!,
          baseURL: config.EMBEDDING_BASE_URL ?? config.OPENAI_BASE_URL,
          apiKey: config.OPENAI_API_KEY,
        }),
        new InMemoryEmbeddingCache(EMBEDDING_CACHE_ENTRIES),
      );
    case 'transformers':
      return cachedEmbedder(
        await TransformersEmbedder.load({
          model: config.EMBEDDING_MODEL!,
          ...(config.EMBEDDING_DIMENSIONS ? { dimensions: config.EMBEDDING_DIMENSIONS } : {}),
        }),
        new InMemoryEmbeddingCache(EMBEDDING_CACHE_ENTRIES),
      );
  }
}

export async function loadLexicalEmbedder(path: string): Promise<LexicalEmbedder> {
  let json: LexicalEmbedderJson;
  try {
    json = JSON.parse(await readFile(path, 'utf8')) as LexicalEmbedderJson;
  } catch (error) {
    throw new Error(
      `EMBEDDING_LEXICAL_STATISTICS: cannot read ${path} (${(error as Error).message}); write it with npm run knowledge:fit-lexical`,
      { cause: error },
    );
  }
  return LexicalEmbedder.fromJSON(json);
}

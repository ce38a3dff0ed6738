import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config.js';
import { createEmbedder } from './create-embedder.js';
import { LexicalEmbedder } from './lexical-embedder.js';

describe('createEmbedder', () => {
  it('defaults to the offline lexical embedder without statistics', async () => {
    const embedder = await createEmbedder(loadConfig({}));
    expect(embedder).toBeInstanceOf(LexicalEmbedder);
    expect(embedder.id).toBe(new LexicalEmbedder().id);
  });

  it('loads fitted statistics, which change the embedder id', async () => {
    const fitted = LexicalEmbedder.fit(
      [
        { title: 'Pizza', text: 'wood fired pizza' },
        { title: 'Salad', text: 'green salad with lemon' },
      ],
      {},
      1,
    );
    const file = join(await mkdtemp(join(tmpdir(), 'lexical-')), 'stats.json');
    await writeFile(file, JSON.stringify(fitted.toJSON()));
    const embedder = await createEmbedder(loadConfig({ EMBEDDING_LEXICAL_STATISTICS: file }));
    expect(embedder.id).toBe(fitted.id);
    expect(embedder.id).not.toBe(new LexicalEmbedder().id);
    await expect(createEmbedder(loadConfig({ EMBEDDING_LEXICAL_STATISTICS: `${file}.missing` }))).rejects.toThrow(/knowledge:fit-lexical/);
  });

  it('names the missing local transformers model instead of downloading', async () => {
    const missing = join(tmpdir(), 'no-such-model-dir');
    await expect(createEmbedder(loadConfig({ EMBEDDING_PROVIDER: 'transformers', EMBEDDING_MODEL: missing }))).rejects.toMatchObject({
      code: 'EMBEDDING_MODEL_UNAVAILABLE',
    });
  });

  it('requires a model and a size for OpenAI-compatible embeddings', () => {
    expect(() => loadConfig({ EMBEDDING_PROVIDER: 'openai' })).toThrow(/EMBEDDING_MODEL[\s\S]*EMBEDDING_DIMENSIONS/);
  });
});

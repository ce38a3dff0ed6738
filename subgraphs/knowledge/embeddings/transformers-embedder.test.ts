import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyModel } from '../../../test/fixtures/knowledge/tiny-model.js';
import { cosineSimilarity } from './embedder.js';
import { EmbeddingError, EmbeddingErrorCode } from './embedding-error.js';
import { createTransformersEmbedder } from './transformers-embedder.js';

const WORDS = 'the a cat dog sat lay on mat rug kitten stock market shares fell sharply today refund order shipped'.split(' ');
const DIMS = 16;

let root: string;
let modelDir: string;
const savedEnv = { allowRemoteModels: env.allowRemoteModels, localModelPath: env.localModelPath };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ragline-tiny-model-'));
  modelDir = await writeTinyModel(join(root, 'ragline', 'tiny-bert'), { words: WORDS, dimensions: DIMS });
});
afterAll(async () => {
  Object.assign(env, savedEnv);
  await rm(root, { recursive: true, force: true });
});

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

describe('TransformersEmbedder with a real (tiny) ONNX model', () => {
  it('loads a model directory offline, measures its dimensions and names itself after the model', async () => {
    const embedder = await createTransformersEmbedder({ model: modelDir, allowRemoteModels: false });
    expect(embedder.dimensions).toBe(DIMS);
    expect(embedder.id).toBe(`transformers:tiny-bert:${DIMS}`);
    await embedder.dispose();
  });

  it('resolves a hub id under localModelPath', async () => {
    const embedder = await createTransformersEmbedder({
      model: 'ragline/tiny-bert',
      localModelPath: root,
      allowRemoteModels: false,
      dimensions: DIMS,
    });
    expect(embedder.id).toBe(`transformers:ragline/tiny-bert:${DIMS}`);
    const [v] = await embedder.embed(['cat'], 'document');
    expect(v).toHaveLength(DIMS);
  });

  it('returns deterministic, unit-length float32 vectors in input order', async () => {
    const a = await createTransformersEmbedder({ model: modelDir, allowRemoteModels: false });
    const b = await createTransformersEmbedder({ model: modelDir, allowRemoteModels: false });
    const texts = ['The cat sat on the mat', 'stock market shares fell sharply', 'refund order'];
    const first = await a.embed(texts, 'document');
    expect(first).toHaveLength(3);
    for (const v of first) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(await a.embed(texts, 'document')).toEqual(first);
    expect(await b.embed(texts, 'document')).toEqual(first);
    // order: each text alone gives the same vector as in the batch
    const alone = await a.embed([texts[1]!], 'document');
    expect(Array.from(alone[0]!)).toEqual(Array.from(first[1]!).map((x) => expect.closeTo(x, 5)));
  });

  it('puts texts that share words closer than unrelated texts', async () => {
    const embedder = await createTransformersEmbedder({ model: modelDir, allowRemoteModels: false });
    const [query, similar, unrelated] = await embedder.embed(
      ['the cat sat on the mat', 'a cat lay on the rug', 'stock market shares fell sharply today'],
      'query',
    );
    expect(cosineSimilarity(query!, similar!)).toBeGreaterThan(cosineSimilarity(query!, unrelated!));
  });

  it('is unaffected by batching and padding (mean pooling honours the attention mask)', async () => {
    const embedder = await createTransformersEmbedder({ model: modelDir, allowRemoteModels: false, maxBatchSize: 2 });
    const texts = ['cat', 'the dog sat on the rug today', 'market', 'refund order shipped', 'kitten'];
    const batched = await embedder.embed(texts, 'document');
    const single = await Promise.all(texts.map(async (t) => (await embedder.embed([t], 'document'))[0]!));
    batched.forEach((v, i) => expect(cosineSimilarity(v, single[i]!)).toBeCloseTo(1, 5));
    expect(await embedder.embed([], 'document')).toEqual([]);
  });

  it('applies purpose prefixes and records them, the pooling and the dtype in its id', async () => {
    const plain = await createTransformersEmbedder({ model: modelDir, allowRemoteModels: false });
    const prefixed = await createTransformersEmbedder({ model: modelDir, allowRemoteModels: false, queryPrefix: 'kitten ', name: 'tiny' });
    expect(prefixed.id).toBe(`transformers:tiny:${DIMS}:kitten |`);
    const [q] = await prefixed.embed(['cat'], 'query');
    const [d] = await prefixed.embed(['cat'], 'document');
    const [p] = await plain.embed(['kitten cat'], 'document');
    expect(Array.from(q!)).toEqual(Array.from(p!));
    expect(Array.from(d!)).not.toEqual(Array.from(q!));
    const cls = await createTransformersEmbedder({ model: modelDir, allowRemoteModels: false, pooling: 'cls' });
    expect(cls.id).toBe(`transformers:tiny-bert:${DIMS}:cls`);
  });

  it('works with models that take no token_type_ids', async () => {
    const dir = await writeTinyModel(join(root, 'no-token-types'), { words: WORDS, dimensions: 4, tokenTypeIds: false });
    const embedder = await createTransformersEmbedder({ model: dir, allowRemoteModels: false });
    expect(embedder.dimensions).toBe(4);
    expect(norm((await embedder.embed(['order shipped'], 'document'))[0]!)).toBeCloseTo(1, 5);
  });

  it('refuses a model whose vectors differ from the configured dimensions', async () => {
    const error = await createTransformersEmbedder({ model: modelDir, allowRemoteModels: false, dimensions: 384 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect(error).toMatchObject({ code: EmbeddingErrorCode.DimensionMismatch });
    expect((error as Error).message).toContain(`${DIMS}-dimensional`);
  });
});

describe('TransformersEmbedder without the model files', () => {
  it('fails with EMBEDDING_MODEL_UNAVAILABLE naming the hub model and how to supply it', async () => {
    const error = await createTransformersEmbedder({
      model: 'Xenova/all-MiniLM-L6-v2',
      localModelPath: root,
      allowRemoteModels: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingError);
    const e = error as EmbeddingError;
    expect(e.code).toBe(EmbeddingErrorCode.ModelUnavailable);
    expect(e.isRetryable).toBe(false);
    expect(e.message).toContain('"Xenova/all-MiniLM-L6-v2"');
    expect(e.message).toContain(root);
    expect(e.message).toContain('onnx/model.onnx');
    expect(e.message).toContain('allowRemoteModels');
  });

  it('fails the same way for a missing directory, naming the weights file for the dtype', async () => {
    const missing = join(root, 'does-not-exist');
    const error = await createTransformersEmbedder({ model: missing, allowRemoteModels: false, dtype: 'q8' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: EmbeddingErrorCode.ModelUnavailable });
    expect((error as Error).message).toContain(`the directory ${missing}`);
    expect((error as Error).message).toContain('onnx/model_quantized.onnx');
  });

  it('reports a directory without ONNX weights', async () => {
    const dir = await writeTinyModel(join(root, 'no-weights'), { words: WORDS, dimensions: 4 });
    await rm(join(dir, 'onnx'), { recursive: true });
    const error = await createTransformersEmbedder({ model: dir, allowRemoteModels: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: EmbeddingErrorCode.ModelUnavailable });
    expect((error as Error).message).toMatch(/model\.onnx/);
  });
});

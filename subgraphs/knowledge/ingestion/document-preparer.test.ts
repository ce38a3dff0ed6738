import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { LexicalEmbedder } from '../embeddings/lexical-embedder.js';
import { buildPdf } from '../../../test/fixtures/knowledge/documents/build-pdf.js';
import { loadFixture } from '../../../test/fixtures/knowledge/documents/load-fixture.js';
import { inThreadPreparer, workerPreparer, type DocumentPreparer } from './document-preparer.js';
import type { RawDocument } from './prepare-document.js';

const documents: RawDocument[] = [
  { format: 'MARKDOWN', content: loadFixture('restaurant-policies.md'), scope: 'policies' },
  { format: 'HTML', content: loadFixture('weekly-specials.html'), scope: 'menu' },
  {
    format: 'PDF',
    content: buildPdf([['Allergen guide', 'Our pesto contains pine nuts and parmesan.']], { title: 'Allergens' }),
    scope: 'faq',
  },
  { format: 'TEXT', content: 'Delivery is free above 30 euros within the ring road.', title: 'Delivery', scope: 'faq' },
];
const embedder = LexicalEmbedder.fit(['pesto pine nuts parmesan', 'free delivery ring road', 'refund cancellation policy']);

let preparer: DocumentPreparer | null = null;
afterEach(async () => {
  await preparer?.close();
  preparer = null;
});

describe('workerPreparer', () => {
  it('prepares every format on its thread exactly as the caller would (same text, chunks and vector bits)', async () => {
    preparer = workerPreparer({ embedder, chunking: { strategy: 'TOKEN', maxTokens: 64, overlapTokens: 8 } });
    expect(preparer).not.toBeNull();
    const [offThread, inThread] = await Promise.all([
      preparer!.prepare(documents),
      inThreadPreparer({ embedder, chunking: { strategy: 'TOKEN', maxTokens: 64, overlapTokens: 8 } }).prepare(documents),
    ]);
    expect(offThread.map((document) => document.chunks.length)).toEqual(inThread.map((document) => document.chunks.length));
    expect(offThread.reduce((sum, document) => sum + document.chunks.length, 0)).toBeGreaterThan(documents.length);
    for (const [i, document] of offThread.entries()) {
      const expected = inThread[i]!;
      expect({ ...document, chunks: document.chunks.map(({ embedding: _embedding, ...chunk }) => chunk) }).toEqual({
        ...expected,
        chunks: expected.chunks.map(({ embedding: _embedding, ...chunk }) => chunk),
      });
      document.chunks.forEach((chunk, j) =>
        expect(Buffer.from((chunk.embedding as Float32Array).buffer)).toEqual(
          Buffer.from((expected.chunks[j]!.embedding as Float32Array).buffer),
        ),
      );
    }
  });

  it('answers batches in the order asked, and returns a bad document as the same coded error the caller would throw', async () => {
    preparer = workerPreparer({ embedder });
    const good = preparer!.prepare([documents[3]!]);
    const bad = preparer!.prepare([{ format: 'PDF', content: new TextEncoder().encode('not a pdf at all'), scope: 'faq' }]);
    const inThreadError = await inThreadPreparer({ embedder })
      .prepare([{ format: 'PDF', content: new TextEncoder().encode('not a pdf at all'), scope: 'faq' }])
      .catch((error: unknown) => error);
    expect((await good)[0]!.title).toBe('Delivery');
    const error = await bad.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphQLError);
    expect(inThreadError).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).message).toBe((inThreadError as GraphQLError).message);
    expect((error as GraphQLError).extensions).toEqual((inThreadError as GraphQLError).extensions);
    // The worker survives a bad document.
    expect((await preparer!.prepare([documents[3]!]))[0]!.chunks.length).toBe(1);
  });

  it('stays in the caller for embedders that cannot move to a thread', () => {
    expect(workerPreparer({ embedder: { id: 'remote', dimensions: 3, embed: async (texts) => texts.map(() => [1, 0, 0]) } })).toBeNull();
  });
});

import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { expectChunkInvariants } from '../../../test/fixtures/knowledge/documents/chunk-invariants.js';
import { loadFixture } from '../../../test/fixtures/knowledge/documents/load-fixture.js';
import { normaliseText } from './normalise-text.js';
import { chunkByTokens } from './token-chunker.js';
import { countTokens } from '../../../platform/text/token-count.js';

const policies = normaliseText(new TextDecoder().decode(loadFixture('restaurant-policies.md')));

describe('countTokens', () => {
  it('counts cl100k_base tokens offline and treats special-token text as ordinary text', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('menu <|endoftext|> menu')).toBeGreaterThan(3);
  });
});

describe('chunkByTokens', () => {
  it.each([
    [40, 8],
    [64, 16],
    [128, 32],
    [300, 0],
  ])('keeps every invariant on a real policy document (max %d, overlap %d)', (maxTokens, overlapTokens) => {
    const chunks = chunkByTokens(policies, { maxTokens, overlapTokens });
    expectChunkInvariants(policies, chunks, maxTokens);
    expect(chunks.length).toBeGreaterThan(countTokens(policies) / maxTokens);
  });

  it('overlaps consecutive chunks by at most about overlapTokens', () => {
    const chunks = chunkByTokens(policies, { maxTokens: 64, overlapTokens: 16 });
    for (let i = 1; i < chunks.length; i++) {
      const [previous, next] = [chunks[i - 1]!, chunks[i]!];
      expect(next.start).toBeLessThan(previous.end); // overlap present
      const shared = policies.slice(next.start, previous.end);
      expect(previous.text.endsWith(shared)).toBe(true);
      expect(next.text.startsWith(shared)).toBe(true);
      expect(countTokens(shared)).toBeLessThanOrEqual(16 + 1); // per-word estimate vs. joined BPE
    }
  });

  it('starts the overlap at a sentence boundary when one is within reach', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Table ${i + 1} is free.`).join(' ');
    const chunks = chunkByTokens(text, { maxTokens: 40, overlapTokens: 12 });
    expectChunkInvariants(text, chunks, 40);
    for (const chunk of chunks.slice(1)) expect(chunk.text).toMatch(/^Table \d+ is free\..*free\.$/);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.start).toBeLessThan(chunks[i - 1]!.end);
  });

  it('without overlap, chunks are disjoint and only whitespace separates them', () => {
    const chunks = chunkByTokens(policies, { maxTokens: 100, overlapTokens: 0 });
    for (let i = 1; i < chunks.length; i++) {
      expect(policies.slice(chunks[i - 1]!.end, chunks[i]!.start).trim()).toBe('');
    }
  });

  it('ends chunks at paragraph boundaries when paragraphs fit', () => {
    const paragraphs = Array.from(
      { length: 12 },
      (_, i) => `Paragraph ${i + 1}. Our kitchen prepares fresh pasta every morning. Dough rests for an hour before rolling.`,
    );
    const text = paragraphs.join('\n\n');
    const chunks = chunkByTokens(text, { maxTokens: 60, overlapTokens: 0 });
    expectChunkInvariants(text, chunks, 60);
    for (const chunk of chunks) {
      expect(paragraphs.some((p) => chunk.text.startsWith(p))).toBe(true);
      expect(paragraphs.some((p) => chunk.text.endsWith(p))).toBe(true);
    }
  });

  it('falls back to sentence boundaries inside a long paragraph', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Sentence number ${i + 1} describes the tasting menu in some detail.`).join(' ');
    const chunks = chunkByTokens(text, { maxTokens: 50, overlapTokens: 0 });
    expectChunkInvariants(text, chunks, 50);
    for (const chunk of chunks) expect(chunk.text).toMatch(/^Sentence number \d+ .*detail\.$/);
  });

  it('hard-splits a single word longer than maxTokens, including multi-byte text', () => {
    const blob = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo'.repeat(60);
    const text = `Voucher code: ${blob} 🍝🍕 ${'ピザとパスタ。'.repeat(80)} End.`;
    const chunks = chunkByTokens(text, { maxTokens: 32, overlapTokens: 4 });
    expectChunkInvariants(text, chunks, 32);
    expect(chunks.map((c) => c.text).join('')).toContain('🍝🍕');
  });

  it('is deterministic and returns nothing for blank text', () => {
    const options = { maxTokens: 48, overlapTokens: 12 };
    expect(chunkByTokens(policies, options)).toEqual(chunkByTokens(policies, options));
    expect(chunkByTokens(' \n\n\t ', options)).toEqual([]);
  });

  it.each([
    { maxTokens: 0, overlapTokens: 0 },
    { maxTokens: 100.5, overlapTokens: 0 },
    { maxTokens: 100, overlapTokens: 50 },
    { maxTokens: 100, overlapTokens: -1 },
  ])('rejects invalid options %o with BAD_USER_INPUT', (options) => {
    expect(() => chunkByTokens('text', options)).toThrow(GraphQLError);
    try {
      chunkByTokens('text', options);
    } catch (error) {
      expect((error as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
    }
  });
});

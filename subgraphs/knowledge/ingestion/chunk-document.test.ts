import { describe, expect, it } from 'vitest';
import { buildPdf } from '../../../test/fixtures/knowledge/documents/build-pdf.js';
import { expectChunkInvariants } from '../../../test/fixtures/knowledge/documents/chunk-invariants.js';
import { loadFixture } from '../../../test/fixtures/knowledge/documents/load-fixture.js';
import { chunkDocument, chunkingFor, DEFAULT_CHUNKING, type ChunkingSettings } from './chunk-document.js';
import { extractText } from './extract-text.js';

describe('chunkingFor', () => {
  it('has defaults per scope, falls back to default, and applies overrides', () => {
    expect(Object.keys(DEFAULT_CHUNKING).sort()).toEqual(['default', 'faq', 'menu', 'policies']);
    expect(chunkingFor('policies')).toEqual(DEFAULT_CHUNKING.policies);
    expect(chunkingFor('toString')).toEqual(DEFAULT_CHUNKING.default);
    expect(chunkingFor('menu', { maxTokens: 128 })).toEqual({ ...DEFAULT_CHUNKING.menu, maxTokens: 128 });
  });
});

describe('chunkDocument', () => {
  it('chunks extracted HTML along its headings and keeps the table whole', async () => {
    const doc = await extractText({ format: 'HTML', content: loadFixture('weekly-specials.html') });
    const chunks = chunkDocument(doc, { strategy: 'MARKDOWN', maxTokens: 60, overlapTokens: 0 });
    expectChunkInvariants(doc.text, chunks, 60);
    expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
    const soup = chunks.find((c) => c.text.includes('pumpkin soup'));
    expect(soup?.headingPath).toEqual(['Weekly specials', 'Monday to Thursday', 'Soup']);
    const hours = chunks.filter((c) => c.text.includes('| Day | Lunch | Dinner |'));
    expect(hours).toHaveLength(1);
    expect(hours[0]!.text).toContain('| Sunday | 12:00–16:00 | closed |');
  });

  it('uses the token chunker for PDFs and plain text even when MARKDOWN is asked for', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `# ${i + 1}. Dishes marked GF are prepared without gluten.`);
    const doc = await extractText({ format: 'PDF', content: buildPdf([lines.slice(0, 20), lines.slice(20)]) });
    const chunks = chunkDocument(doc, chunkingFor('faq', { maxTokens: 64, overlapTokens: 8 }));
    expectChunkInvariants(doc.text, chunks, 64);
    expect(chunks.every((c) => c.headingPath.length === 0 && !c.oversized)).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('applies the policies scope defaults to the policy document', async () => {
    const doc = await extractText({ format: 'MARKDOWN', content: loadFixture('restaurant-policies.md') });
    const settings = chunkingFor('policies');
    const chunks = chunkDocument(doc, settings);
    expectChunkInvariants(doc.text, chunks, settings.maxTokens);
    expect(chunks.every((c) => c.headingPath[0] === 'Trattoria Lumen — Guest Policies')).toBe(true);
  });

  it('rejects unknown strategies and invalid sizes with BAD_USER_INPUT', async () => {
    const doc = await extractText({ format: 'TEXT', content: 'Open daily.' });
    const bad: ChunkingSettings[] = [
      { strategy: 'SEMANTIC' as ChunkingSettings['strategy'], maxTokens: 100, overlapTokens: 0 },
      { strategy: 'TOKEN', maxTokens: 100_000, overlapTokens: 0 },
    ];
    for (const settings of bad) {
      expect(() => chunkDocument(doc, settings)).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: expect.any(String) } }),
      );
    }
  });
});

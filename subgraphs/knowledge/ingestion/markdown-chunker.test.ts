import { describe, expect, it } from 'vitest';
import { expectChunkInvariants } from '../../../test/fixtures/knowledge/documents/chunk-invariants.js';
import { loadFixture } from '../../../test/fixtures/knowledge/documents/load-fixture.js';
import { chunkMarkdown, type MarkdownChunk } from './markdown-chunker.js';
import { normaliseText } from './normalise-text.js';
import { countTokens } from '../../../platform/text/token-count.js';

const policies = normaliseText(new TextDecoder().decode(loadFixture('restaurant-policies.md')));
const ROOT = 'Trattoria Lumen — Guest Policies';
const codeBlock = policies.slice(policies.indexOf('```ts'), policies.indexOf('```\n', policies.indexOf('```ts') + 5) + 3);
const table = policies.slice(policies.indexOf('| Zone'), policies.indexOf('45–60 min    |') + 14);

const containing = (chunks: MarkdownChunk[], needle: string) => chunks.filter((c) => c.text.includes(needle));

describe('chunkMarkdown', () => {
  it.each([
    [60, 10],
    [120, 20],
    [400, 40],
  ])('keeps every invariant on the policy document (max %d, overlap %d)', (maxTokens, overlapTokens) => {
    const chunks = chunkMarkdown(policies, { maxTokens, overlapTokens });
    expectChunkInvariants(policies, chunks, maxTokens);
    for (const chunk of chunks.filter((c) => c.oversized)) {
      expect(chunk.tokenCount).toBeGreaterThan(maxTokens);
      expect(chunk.text.includes(codeBlock) || chunk.text.includes(table)).toBe(true);
    }
  });

  it.each([30, 60, 120, 400])('never splits the fenced code block or the table (max %d)', (maxTokens) => {
    const chunks = chunkMarkdown(policies, { maxTokens, overlapTokens: Math.floor(maxTokens / 4) });
    expect(containing(chunks, 'export function refundAmount')).toHaveLength(1);
    expect(containing(chunks, 'export function refundAmount')[0]!.text).toContain(codeBlock);
    expect(containing(chunks, '| Zone')).toHaveLength(1);
    expect(containing(chunks, '| Zone')[0]!.text).toContain(table);
    for (const chunk of chunks) expect((chunk.text.match(/```/g) ?? []).length % 2).toBe(0);
  });

  it('flags a code block above maxTokens as oversized and keeps it with its heading path', () => {
    expect(countTokens(codeBlock)).toBeGreaterThan(120);
    const [code] = containing(chunkMarkdown(policies, { maxTokens: 120, overlapTokens: 20 }), 'refundAmount(order');
    expect(code).toMatchObject({ oversized: true, headingPath: [ROOT, 'Refunds', 'How refunds are calculated'] });
    expect(code!.text).toBe(codeBlock);
  });

  it('records the heading path of every chunk', () => {
    const chunks = chunkMarkdown(policies, { maxTokens: 120, overlapTokens: 20 });
    const pathOf = (needle: string) => containing(chunks, needle).map((c) => c.headingPath);
    expect(pathOf('These policies apply')).toEqual([[ROOT]]);
    expect(pathOf('booked up to 60 days')).toEqual([[ROOT, 'Reservations', 'Booking windows']]);
    expect(pathOf('no-show fee')).toEqual([[ROOT, 'Reservations', 'Cancellations and no-shows']]);
    expect(pathOf('discretionary service charge')).toEqual([[ROOT, 'Orders and payment']]);
    expect(pathOf('outside zone C')).toEqual([[ROOT, 'Orders and payment', 'Delivery zones and fees']]);
    expect(pathOf('14 major allergens')).toEqual([[ROOT, 'Allergens']]);
    // Every chunk's path is the path of the nearest headings above its start.
    for (const chunk of chunks) {
      const headingsAbove = [...policies.slice(0, chunk.end).matchAll(/^(#{1,6}) (.+)$/gm)];
      expect(chunk.headingPath.at(-1)).toBe(headingsAbove.at(-1)?.[2]);
    }
  });

  it('carries an empty parent heading into its first subsection instead of emitting it alone', () => {
    const chunks = chunkMarkdown(policies, { maxTokens: 120, overlapTokens: 20 });
    expect(chunks.some((c) => /^#+ [^\n]+$/.test(c.text))).toBe(false);
    const [first] = containing(chunks, '## Refunds');
    expect(first!.text.startsWith('## Refunds\n\n### Eligibility\n\nIf an item is missing')).toBe(true);
    expect(first!.headingPath).toEqual([ROOT, 'Refunds', 'Eligibility']);
  });

  it('splits a long prose section with the token chunker, with overlap and the same heading path', () => {
    const eligibility = chunkMarkdown(policies, { maxTokens: 120, overlapTokens: 20 }).filter(
      (c) => c.headingPath.at(-1) === 'Eligibility',
    );
    expect(eligibility.length).toBeGreaterThan(1);
    for (let i = 1; i < eligibility.length; i++) expect(eligibility[i]!.start).toBeLessThan(eligibility[i - 1]!.end);
  });

  it('uses plain text for headings with inline markdown and keeps a preamble without a path', () => {
    const text = 'Intro before any heading.\n\n# **Menu** `2026`\n\n## Pasta & *Risotto*\n\nCacio e pepe.\n';
    const chunks = chunkMarkdown(text, { maxTokens: 100, overlapTokens: 0 });
    expectChunkInvariants(text, chunks, 100);
    expect(chunks.map((c) => c.headingPath)).toEqual([[], ['Menu 2026', 'Pasta & Risotto']]);
  });

  it('keeps a code block inside a list item whole', () => {
    const code = '```sh\n' + Array.from({ length: 30 }, (_, i) => `echo "step ${i}"`).join('\n') + '\n```';
    const text = `# Setup\n\n1. Install the printer driver:\n\n   ${code.replace(/\n/g, '\n   ')}\n\n2. Restart the till.\n`;
    const chunks = chunkMarkdown(text, { maxTokens: 40, overlapTokens: 0 });
    expect(containing(chunks, 'echo "step 0"')[0]!.text).toContain('echo "step 29"');
  });

  it('is deterministic', () => {
    const options = { maxTokens: 80, overlapTokens: 16 };
    expect(chunkMarkdown(policies, options)).toEqual(chunkMarkdown(policies, options));
  });
});

import { expect } from 'vitest';
import { countTokens } from '../token-count.js';

interface ChunkLike {
  text: string;
  tokenCount: number;
  start: number;
  end: number;
  oversized?: boolean;
}

/** Invariants every chunker output must satisfy, whatever the strategy. */
export function expectChunkInvariants(source: string, chunks: ChunkLike[], maxTokens: number): void {
  expect(chunks.length).toBeGreaterThan(0);
  for (const chunk of chunks) {
    expect(source.slice(chunk.start, chunk.end)).toBe(chunk.text);
    expect(chunk.text).toBe(chunk.text.trim());
    expect(chunk.text.length).toBeGreaterThan(0);
    expect(chunk.tokenCount).toBe(countTokens(chunk.text));
    if (!chunk.oversized) expect(chunk.tokenCount).toBeLessThanOrEqual(maxTokens);
  }
  for (let i = 1; i < chunks.length; i++) {
    expect(chunks[i]!.start).toBeGreaterThan(chunks[i - 1]!.start);
    expect(chunks[i]!.end).toBeGreaterThan(chunks[i - 1]!.end);
  }
  // Nothing but whitespace is lost between chunks.
  const covered = new Uint8Array(source.length);
  for (const { start, end } of chunks) covered.fill(1, start, end);
  const lost = source.split('').filter((_, i) => !covered[i]).join('');
  expect(lost.trim()).toBe('');
}

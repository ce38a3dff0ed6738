import { lexer, type Token } from 'marked';
import { chunkByTokens, assertChunkOptions, type TextChunk, type TokenChunkOptions } from './token-chunker.js';
import { countTokens } from '../../../platform/text/token-count.js';

export interface MarkdownChunk extends TextChunk {
  /** Headings enclosing the chunk, outermost first, as plain text (e.g. `['Policies', 'Refunds']`). */
  headingPath: string[];
  /** True only for a code block or table (never split) that alone exceeds `maxTokens`. */
  oversized: boolean;
}

interface Block {
  start: number;
  end: number;
  /** Code blocks and tables (also inside lists and blockquotes) are kept whole. */
  atomic: boolean;
  heading?: { depth: number; text: string };
}

interface Range {
  start: number;
  end: number;
}

function children(token: Token): Token[] {
  const nested: Token[] = [];
  if ('tokens' in token && Array.isArray(token.tokens)) nested.push(...(token.tokens as Token[]));
  if ('items' in token && Array.isArray(token.items)) nested.push(...(token.items as Token[]));
  return nested;
}

function isAtomic(token: Token): boolean {
  return token.type === 'code' || token.type === 'table' || children(token).some(isAtomic);
}

function plainText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      const nested = children(token);
      if (nested.length > 0) return plainText(nested);
      if (token.type === 'html' || token.type === 'br') return ' ';
      return 'text' in token && typeof token.text === 'string' ? token.text : '';
    })
    .join('');
}

/** Top-level blocks with their offsets in `text`; undefined if the token stream does not map back onto it. */
function toBlocks(text: string): Block[] | undefined {
  const blocks: Block[] = [];
  let offset = 0;
  for (const token of lexer(text)) {
    if (token.raw === '') continue;
    const start = text.startsWith(token.raw, offset) ? offset : text.indexOf(token.raw, offset);
    if (start === -1) return undefined;
    const end = start + token.raw.length;
    const block: Block = { start, end, atomic: isAtomic(token) };
    if (token.type === 'heading') {
      const headingText = plainText(token.tokens ?? [])
        .replace(/\s+/g, ' ')
        .trim();
      block.heading = { depth: token.depth as number, text: headingText };
    }
    blocks.push(block);
    offset = end;
  }
  return blocks;
}

function trimRange(text: string, { start, end }: Range): Range {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** One heading's own content (up to the next heading of any depth), split into chunks. */
function chunkSection(text: string, blocks: Block[], headingPath: string[], options: TokenChunkOptions): MarkdownChunk[] {
  const chunks: MarkdownChunk[] = [];
  const emit = (range: Range, oversized = false) => {
    const { start, end } = trimRange(text, range);
    if (start === end) return;
    const body = text.slice(start, end);
    chunks.push({ text: body, tokenCount: countTokens(body), start, end, headingPath, oversized });
  };
  const emitProse = (range: Range) => {
    const { start, end } = trimRange(text, range);
    for (const chunk of chunkByTokens(text.slice(start, end), options)) {
      chunks.push({ ...chunk, start: chunk.start + start, end: chunk.end + start, headingPath, oversized: false });
    }
  };
  const tokensIn = (range: Range) => {
    const { start, end } = trimRange(text, range);
    return countTokens(text.slice(start, end));
  };

  // Consecutive prose blocks form one segment; each atomic block is a segment of its own.
  type Segment = Range & { atomic: boolean; headingOnly: boolean };
  const segments: Segment[] = [];
  for (const block of blocks) {
    const last = segments.at(-1);
    if (last && !last.atomic && !block.atomic) {
      last.end = block.end;
      last.headingOnly &&= text.slice(block.start, block.end).trim() === '';
    } else segments.push({ start: block.start, end: block.end, atomic: block.atomic, headingOnly: !!block.heading });
  }

  let group: Segment | undefined;
  for (const segment of segments) {
    if (group && tokensIn({ start: group.start, end: segment.end }) <= options.maxTokens) {
      group = { start: group.start, end: segment.end, atomic: group.atomic || segment.atomic, headingOnly: false };
      continue;
    }
    if (tokensIn(segment) <= options.maxTokens) {
      if (group) emit(group);
      group = { ...segment };
    } else if (segment.atomic) {
      // Never split: the block becomes its own chunk (with a lone heading line before it, if any).
      if (group?.headingOnly) emit({ start: group.start, end: segment.end }, true);
      else {
        if (group) emit(group);
        emit(segment, true);
      }
      group = undefined;
    } else if (group && !group.atomic) {
      emitProse({ start: group.start, end: segment.end });
      group = undefined;
    } else {
      if (group) emit(group);
      emitProse(segment);
      group = undefined;
    }
  }
  if (group) emit(group);
  return chunks;
}

/**
 * Chunks markdown along its headings: each section (a heading and its content up to the next heading)
 * is packed into chunks of at most `maxTokens`, carrying its heading path. Fenced code blocks and tables
 * are never split; one that alone exceeds `maxTokens` is emitted whole and flagged `oversized`. Long prose
 * falls back to the token chunker (with its overlap); there is no overlap across sections or around
 * code/table blocks. Offsets map into `text`.
 */
export function chunkMarkdown(text: string, options: TokenChunkOptions): MarkdownChunk[] {
  assertChunkOptions(options);
  const blocks = toBlocks(text);
  if (!blocks) {
    return chunkByTokens(text, options).map((chunk) => ({ ...chunk, headingPath: [], oversized: false }));
  }

  const chunks: MarkdownChunk[] = [];
  const path: { depth: number; text: string }[] = [];
  let section: Block[] = [];
  // A heading with no content of its own ("## Refunds" directly followed by "### Eligibility") is carried
  // into its first subsection's first chunk instead of becoming a chunk of a few tokens.
  let carried: { start: number; depth: number } | undefined;
  const flush = (nextDepth?: number) => {
    const [first, ...rest] = section;
    section = [];
    if (!first) return;
    const headingOnly = first.heading !== undefined && rest.every((b) => text.slice(b.start, b.end).trim() === '');
    if (headingOnly && nextDepth !== undefined && nextDepth > first.heading!.depth) {
      carried ??= { start: first.start, depth: first.heading!.depth };
      return;
    }
    const start = carried !== undefined && first.heading !== undefined && first.heading.depth > carried.depth ? carried.start : first.start;
    carried = undefined;
    chunks.push(
      ...chunkSection(
        text,
        [{ ...first, start }, ...rest],
        path.map((h) => h.text),
        options,
      ),
    );
  };
  for (const block of blocks) {
    if (block.heading) {
      flush(block.heading.depth);
      while (path.length > 0 && path.at(-1)!.depth >= block.heading.depth) path.pop();
      path.push(block.heading);
    }
    section.push(block);
  }
  flush();
  return chunks;
}

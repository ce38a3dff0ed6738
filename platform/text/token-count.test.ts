import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k_base from 'js-tiktoken/ranks/cl100k_base';
import { countTokens } from './token-count.js';

const reference = new Tiktoken(cl100k_base);
const exact = (text: string) => reference.encode(text, [], []).length;

describe('countTokens', () => {
  it('equals the encoder on tricky text', () => {
    const samples = [
      '',
      'Hello world',
      '  leading spaces, trailing spaces   \n\n\tand tabs\r\n',
      "It's they're we've I'm you'll he'd — contractions’ curly’s",
      'Numbers 1234567 3.14159 1e-7 0x1F and dates 2026-11-21',
      'Café naïve Ünïcödé 東京は晴れです。日本語のテキスト！ 한국어 текст',
      'Emoji 👩‍👩‍👧‍👦 and flags 🇫🇷🇩🇪 and <|endoftext|> written as text',
      'https://example.com/a/very/long/path?with=query&and=more#fragment',
      '```ts\nconst x = { a: 1, b: [2, 3] };\n```\n| col | col |\n| --- | --- |',
      'A'.repeat(300),
      'word '.repeat(2000),
    ];
    for (const sample of samples) expect(countTokens(sample), sample.slice(0, 40)).toBe(exact(sample));
  });

  it('equals the encoder on real documents, twice (the second time from remembered pieces)', () => {
    const directory = path.join(import.meta.dirname, '../../test/fixtures/knowledge/documents');
    const texts = readdirSync(directory)
      .filter((name) => /\.(md|html|txt)$/.test(name))
      .map((name) => readFileSync(path.join(directory, name), 'utf8'));
    expect(texts.length).toBeGreaterThan(0);
    for (let pass = 0; pass < 2; pass++) for (const text of texts) expect(countTokens(text)).toBe(exact(text));
  });
});

import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { findInputProblem, type InputLimits } from './input-hygiene.js';

const limits: InputLimits = { maxDepth: 4, maxStringBytes: 2048, largeStrings: { 'upload.input.content': 10_000 } };
const problem = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  findInputProblem({ document: parse(query), variables, operationName }, limits);
const pathOf = (query: string, variables?: Record<string, unknown>) => problem(query, variables)?.extensions.argumentPath;

describe('findInputProblem', () => {
  it('accepts ordinary input, emoji included', () => {
    expect(
      problem('query Q($t: String) { a(t: $t, n: 1, e: RED, o: { x: [1, 2], y: null }) { b(s: "ok 🍕") } }', { t: 'hé 😀' }),
    ).toBeUndefined();
  });

  it('names the argument path of a refused value, inline or in a variable used anywhere in it', () => {
    expect(pathOf('{ createOrder(input: { items: [{ notes: "ok" }, { notes: "a\\u0000b" }] }) { id } }')).toBe(
      'createOrder.input.items[1].notes',
    );
    expect(pathOf('query Q($n: String) { createOrder(input: { items: [{ notes: $n }] }) { id } }', { n: '\uDC00' })).toBe(
      'createOrder.input.items[0].notes',
    );
    expect(pathOf('query Q($i: In) { order { lines(filter: $i) { id } } }', { i: { tags: ['x', 'y\u0000'] } })).toBe(
      'order.lines.filter.tags[1]',
    );
    const error = problem('query Q($s: String) { search(query: $s) { id } }', { s: 'a\u0000' })!;
    expect(error.message).toBe('Invalid input at search.query: the text contains the NUL character (U+0000), which is not allowed.');
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('checks object keys, fragments, directives, variable defaults and unused variables', () => {
    expect(pathOf('query Q($m: JSON) { a(m: $m) }', { m: { 'bad\u0000key': 1 } })).toBe('a.m["bad\\u0000key"]');
    expect(pathOf('{ ...F } fragment F on Query { a { b(s: "\\u0000") } }')).toBe('a.b.s');
    expect(pathOf('{ a @include(if: true) { ... on A { b @tag(name: "\\u0000") } } }')).toBe('a.b@tag.name');
    expect(pathOf('query Q($s: String = "\\u0000") { a(s: $s) }')).toBe('$s');
    expect(pathOf('{ a }', { unused: ['\uD800'] })).toBe('$unused[0]');
  });

  it('checks only the operation that runs', () => {
    const document = 'query A { a(s: "\\u0000") } query B { b(s: "fine") }';
    expect(problem(document, undefined, 'B')).toBeUndefined();
    expect(problem(document, undefined, 'A')?.extensions.argumentPath).toBe('a.s');
  });

  it('bounds nesting without recursing, however deep the value', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(pathOf('query Q($d: JSON) { a(d: $d) }', { d: deep })).toBe('a.d[0][0][0][0]');
    expect(problem('{ a(d: [[[["four"]]]]) }')).toBeUndefined();
    expect(pathOf('{ a(d: { x: [[{ y: [1] }]] }) }')).toBe('a.d.x[0][0].y');
  });

  it('limits string size, with larger allowances where declared', () => {
    expect(pathOf('query Q($s: String) { a(s: $s) }', { s: 'x'.repeat(2049) })).toBe('a.s');
    expect(pathOf('query Q($s: String) { a(s: $s) }', { s: 'é'.repeat(1025) })).toBe('a.s'); // 2050 bytes of UTF-8
    expect(problem('query Q($i: In) { upload(input: $i) }', { i: { content: 'x'.repeat(9_000) } })).toBeUndefined();
    expect(problem('query Q($i: In) { upload(input: $i) }', { i: { content: 'x'.repeat(10_001) } })?.message).toMatch(
      /upload\.input\.content: the text is larger than 10000 bytes/,
    );
    expect(pathOf('query Q($i: In) { upload(input: $i) }', { i: { title: 'x'.repeat(9_000) } })).toBe('upload.input.title');
  });
});

import { buildSchema, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ValidatedDocuments } from './validated-documents.js';

const schema = buildSchema(`type Query { menu(first: Int): [String!]! } type Subscription { ticks: Int! }`);

describe('ValidatedDocuments', () => {
  it('parses and validates a text once and hands out the same document for it afterwards', () => {
    const documents = new ValidatedDocuments(schema);
    const first = documents.get('subscription { ticks }');
    const again = documents.get('subscription { ticks }');
    expect('document' in first && print(first.document)).toContain('ticks');
    expect(again).toBe(first);
  });

  it('remembers syntax and validation errors as errors', () => {
    const documents = new ValidatedDocuments(schema);
    const broken = documents.get('subscription { ticks');
    expect('errors' in broken && broken.errors[0]!.message).toMatch(/Syntax Error/);
    const invalid = documents.get('{ menu(first: "ten") }');
    expect('errors' in invalid && invalid.errors[0]!.message).toMatch(/Int cannot represent/);
    expect(documents.get('{ menu(first: "ten") }')).toBe(invalid);
  });

  it('evicts the least recently used text when full', () => {
    const documents = new ValidatedDocuments(schema, {}, 2);
    const a = documents.get('{ menu }');
    const b = documents.get('subscription { ticks }');
    expect(documents.get('{ menu }')).toBe(a);
    documents.get('{ menu(first: 1) }');
    expect(documents.get('{ menu }')).toBe(a);
    expect(documents.get('subscription { ticks }')).not.toBe(b);
  });
});

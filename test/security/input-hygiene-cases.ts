import { expect } from 'vitest';
import { DEMO_TENANT } from '../../db/seed/demo-tenant.js';
import { stableId } from '../../db/seed/stable-id.js';

export const NUL = 'Extra basil\u0000please';
export const LONE_SURROGATE = 'Extra basil \uD83C please';
export const EMOJI = 'Extra basil 🌿 and a smile 😀';

const margherita = stableId(DEMO_TENANT, 'product', 'margherita');

/** One string argument the issue names: how to send a text in it as a variable and inline, and the path refused. */
export interface HygieneCase {
  argument: string;
  role: 'customer' | 'staff';
  asVariable(text: string): { query: string; variables: Record<string, unknown> };
  /** The operation with `literal`, a GraphQL string literal, written inline. */
  inline(literal: string): string;
}

let keys = 0;
const key = () => `hygiene-${++keys}-${Date.now()}`;

/** The cases; `conversationId` is a conversation of the customer (sendMessage). */
export function hygieneCases(conversationId: () => string): HygieneCase[] {
  return [
    {
      argument: 'createOrder.input.items[0].notes',
      role: 'customer',
      asVariable: (notes) => ({
        query: 'mutation Create($input: CreateOrderInput!, $key: String!) { createOrder(input: $input, idempotencyKey: $key) { id } }',
        variables: { input: { items: [{ productId: margherita, quantity: 1, notes }] }, key: key() },
      }),
      inline: (notes) =>
        `mutation { createOrder(idempotencyKey: "${key()}", input: { items: [{ productId: "${margherita}", quantity: 1, notes: ${notes} }] }) { id } }`,
    },
    {
      argument: 'createProduct.input.name',
      role: 'staff',
      asVariable: (name) => ({
        query: 'mutation Create($input: CreateProductInput!) { createProduct(input: $input) { id } }',
        variables: { input: { name: `${name} ${++keys}`, category: 'specials', priceCents: 900, currency: 'EUR' } },
      }),
      inline: (name) =>
        `mutation { createProduct(input: { name: ${name}, category: "specials", priceCents: 900, currency: "EUR" }) { id } }`,
    },
    {
      argument: 'ingestDocument.input.title',
      role: 'staff',
      asVariable: (title) => ({
        query: 'mutation Ingest($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }',
        variables: { input: { title, scope: 'faq', format: 'TEXT', text: 'We open at eleven.' } },
      }),
      inline: (title) =>
        `mutation { ingestDocument(input: { title: ${title}, scope: "faq", format: TEXT, text: "We open at eleven." }) { id } }`,
    },
    {
      argument: 'search.query',
      role: 'customer',
      asVariable: (query) => ({ query: 'query Search($query: String!) { search(query: $query) { score } }', variables: { query } }),
      inline: (query) => `{ search(query: ${query}) { score } }`,
    },
    {
      argument: 'sendMessage.text',
      role: 'customer',
      asVariable: (text) => ({
        query: 'mutation Send($id: ID!, $text: String!) { sendMessage(conversationId: $id, text: $text) { id } }',
        variables: { id: conversationId(), text },
      }),
      inline: (text) => `mutation { sendMessage(conversationId: "${conversationId()}", text: ${text}) { id } }`,
    },
  ];
}

/** Nested `levels` objects deep, as JSON text: JSON.stringify itself cannot write (or read back) such a value. */
export const deepJson = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** The body of an ingestDocument whose metadata is `metadataJson`, as JSON text. */
export const ingestWithMetadata = (metadataJson: string) =>
  `{"query":"mutation Ingest($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }",` +
  `"variables":{"input":{"scope":"faq","format":"TEXT","text":"Deep metadata","metadata":${metadataJson}}}}`;

export async function postRaw(url: string, body: string, token: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  return { status: response.status, body: await response.json() };
}

/** A refusal by input hygiene: BAD_USER_INPUT naming the argument, and no data. */
export function expectRefused(body: { data?: unknown; errors?: readonly any[] }, argument: string | RegExp): void {
  expect(body.errors, JSON.stringify(body.errors)).toHaveLength(1);
  const [error] = body.errors!;
  expect(error.extensions.code).toBe('BAD_USER_INPUT');
  if (typeof argument === 'string') {
    expect(error.extensions.argumentPath).toBe(argument);
    expect(error.message).toContain(`Invalid input at ${argument}:`);
  } else {
    expect(error.extensions.argumentPath).toMatch(argument);
  }
  expect(body.data ?? null).toBeNull();
}

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import manifest from '../generated/persisted-documents.json' with { type: 'json' };

const trusted = manifest as Record<string, string>;

/** What a generated document carries besides its AST: the persisted-operations hash the preset computed. */
interface HashedDocument {
  __meta__?: { hash?: string };
}

/**
 * The text to send for a document: the manifest's own text when the document is one of the SDK's generated operations,
 * so a gateway enforcing TRUSTED_DOCUMENTS recognises it byte for byte; otherwise the printed document.
 */
export function documentText(document: TypedDocumentNode<any, any>): string {
  const hash = (document as HashedDocument).__meta__?.hash;
  return (hash && trusted[hash]) || print(document);
}

/** The operation's name, sent as `operationName` and shown in the gateway's logs. */
export function operationName(document: TypedDocumentNode<any, any>): string | undefined {
  const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition');
  return operation && 'name' in operation ? operation.name?.value : undefined;
}

/** The persisted-operations manifest (hash -> document) the SDK's operations are checked against in production. */
export const persistedDocuments: Readonly<Record<string, string>> = trusted;

const byOperationName = new Map(
  Object.values(trusted).map((text) => [/\b(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1] ?? '', text] as const),
);

/**
 * The manifest text of the SDK's operation with this name: what another GraphQL client (Apollo Client in the console)
 * should send instead of its own printing, so the gateway's TRUSTED_DOCUMENTS mode accepts it.
 */
export function persistedDocumentFor(name: string | undefined): string | undefined {
  return name ? byOperationName.get(name) : undefined;
}

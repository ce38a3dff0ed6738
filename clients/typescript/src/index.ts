export type { TypedDocumentNode } from '@graphql-typed-document-node/core';
export { createRaglineClient, reconnectDelayMs, type RaglineClient, type RaglineClientOptions } from './ragline-client.js';
export { RaglineError, toRaglineError, type RaglineGraphQLError } from './errors.js';
export { ask, chatEvents, type ChatEvent, type ChatEventOf } from './chat.js';
export { followOrders, type FollowOrdersOptions, type OrderEvent } from './order-events.js';
export { documentText, operationName, persistedDocumentFor, persistedDocuments } from './documents.js';
export * from '../generated/graphql.js';

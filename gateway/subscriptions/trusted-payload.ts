import type { GraphQLError } from 'graphql';
import { notTrusted, referencedId, type DocumentReference, type TrustedDocuments } from '../trusted-documents.js';
import type { SubscribePayload } from './prepare-operation.js';

/**
 * TRUSTED_DOCUMENTS over graphql-ws: a subscribe payload runs only with a trusted text, or with an empty `query` (the
 * protocol requires a string) and a listed id in `extensions.persistedQuery.sha256Hash` or `documentId`, which is then
 * replaced by the listed text. Without a manifest the payload is left as it is.
 */
export function trustedPayload(trusted: TrustedDocuments | undefined, payload: SubscribePayload): SubscribePayload | GraphQLError[] {
  if (!trusted) return payload;
  const reference = payload as SubscribePayload & DocumentReference;
  const refusal = trusted.check(reference);
  if (refusal) return [refusal];
  if (payload.query !== '') return payload;
  const id = referencedId(reference);
  const query = id === undefined ? undefined : trusted.lookup(id);
  return query === undefined ? [notTrusted('An operation needs a trusted document: its text or its id')] : { ...payload, query };
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../platform/request-context.js';

/** The stable code of an operation refused because its document is not in the TRUSTED_DOCUMENTS manifest. */
export const OPERATION_NOT_TRUSTED = 'OPERATION_NOT_TRUSTED';

/** What a client sends to name a document: its text, an APQ hash in `extensions`, or a `documentId`. */
export interface DocumentReference {
  query?: unknown;
  extensions?: unknown;
  documentId?: unknown;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The TRUSTED_DOCUMENTS manifest: `{ "<id>": "<document text>" }`, as GraphQL Code Generator's client preset writes it
 * with `persistedDocuments: true` (persisted-documents.json). A document is found by its manifest key (whatever hash the
 * generator used, sha1 or sha256) or by the sha256 of its text (what Apollo's APQ link sends); a text is trusted when its
 * sha256 is that of a listed document, so the key's algorithm does not matter.
 */
export class TrustedDocuments {
  private readonly byId = new Map<string, string>();
  private readonly bySha256 = new Map<string, string>();

  constructor(manifest: Record<string, string>) {
    for (const [id, text] of Object.entries(manifest)) {
      this.byId.set(id, text);
      this.bySha256.set(sha256(text), text);
    }
  }

  /** Reads and checks a manifest file; a missing, unreadable or malformed one stops the gateway at start. */
  static async load(path: string): Promise<TrustedDocuments> {
    let manifest: unknown;
    try {
      manifest = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new Error(`TRUSTED_DOCUMENTS: cannot read the manifest ${path}: ${(error as Error).message}`, { cause: error });
    }
    const valid =
      typeof manifest === 'object' &&
      manifest !== null &&
      !Array.isArray(manifest) &&
      Object.values(manifest).every((text) => typeof text === 'string' && text.trim() !== '');
    if (!valid) throw new Error(`TRUSTED_DOCUMENTS: ${path} is not a JSON object mapping document hashes to document texts`);
    return new TrustedDocuments(manifest as Record<string, string>);
  }

  get size(): number {
    return this.byId.size;
  }

  /** The document listed under an id (a manifest key, or the sha256 of a listed text). */
  lookup(id: string): string | undefined {
    return this.byId.get(id) ?? this.bySha256.get(id.toLowerCase());
  }

  isTrusted(text: string): boolean {
    return this.bySha256.has(sha256(text));
  }

  /**
   * Apollo's APQ cache in trusted mode: the manifest, read-only (keys come prefixed with "apq:"). Nothing a client sends
   * is ever registered, so a hash runs only if the manifest lists it.
   */
  asPersistedQueryCache() {
    return {
      get: async (key: string) => this.lookup(key.replace(/^apq:/, '')),
      set: async () => {},
      delete: async () => false,
    };
  }

  /**
   * Whether a request may run: a reference by id must be listed, and a text must be a listed one. Returns the refusal,
   * or undefined. A request naming nothing is left to Apollo's own "must contain a query" error.
   */
  check(request: DocumentReference): GraphQLError | undefined {
    if (typeof request.query === 'string' && request.query !== '') {
      return this.isTrusted(request.query) ? undefined : notTrusted('The operation is not a trusted document');
    }
    const id = referencedId(request);
    if (id !== undefined && this.lookup(id) === undefined) return notTrusted('No trusted document has this id');
    return undefined;
  }
}

/** The id a request names: `documentId`, else `extensions.persistedQuery.sha256Hash`. */
export function referencedId(request: DocumentReference): string | undefined {
  if (typeof request.documentId === 'string' && request.documentId !== '') return request.documentId.replace(/^sha256:/, '');
  const persisted = (request.extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

export function notTrusted(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: OPERATION_NOT_TRUSTED, http: { status: 400 } } });
}

/**
 * The last line in Apollo Server: whatever source an operation resolved to (text, APQ hash, documentId, or a graphql-ws
 * query passed to `executeOperation`) must be trusted, checked before the operation is planned. The HTTP handler and the
 * graphql-ws bridge refuse earlier, before parsing; this catches any path that would skip them.
 */
export function trustedDocumentsPlugin(trusted: TrustedDocuments): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source }) {
          if (!trusted.isTrusted(source)) throw notTrusted('The operation is not a trusted document');
        },
      };
    },
  };
}

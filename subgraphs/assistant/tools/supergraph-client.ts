import { injectTraceHeaders } from '../../../platform/telemetry/propagation.js';
import { ToolError } from './tool-registry.js';

/** Per-call identity: the caller's own token and request ID are forwarded, so the supergraph authorises as the user. */
export interface SupergraphRequestOptions {
  /** The user's `Authorization` header value (`Bearer …`), forwarded unchanged. */
  authorization: string;
  requestId: string;
  signal?: AbortSignal;
}

export interface SupergraphClient {
  /** Runs one operation; resolves `data`, or throws a {@link SupergraphError} (a `ToolError`) on any GraphQL or HTTP error. */
  request<T>(query: string, variables: Record<string, unknown>, options: SupergraphRequestOptions): Promise<T>;
}

export interface SupergraphClientOptions {
  /** Read on every call, because the gateway's port may only be known after start-up. */
  url: () => string;
  fetch?: typeof fetch;
}

/**
 * A failed supergraph call. The message is the first GraphQL error's (written for clients, so fit for the model);
 * `code` is its `extensions.code` (e.g. `PROMO_EXPIRED`, `UNAUTHENTICATED`) for callers that branch on it.
 */
export class SupergraphError extends ToolError {
  readonly extensions: Record<string, unknown>;

  constructor(message: string, code: string | undefined, extensions: Record<string, unknown> = {}) {
    super(message, code);
    this.extensions = extensions;
  }
}

interface GraphQLResponseBody {
  data?: unknown;
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/** The assistant reaches other subgraphs only through the gateway, never through their tables. */
export function createSupergraphClient(options: SupergraphClientOptions): SupergraphClient {
  const fetchImpl = options.fetch ?? fetch;
  return {
    async request<T>(
      query: string,
      variables: Record<string, unknown>,
      { authorization, requestId, signal }: SupergraphRequestOptions,
    ): Promise<T> {
      let response: Response;
      try {
        response = await fetchImpl(options.url(), {
          method: 'POST',
          // The tool's trace continues through the gateway (W3C traceparent).
          headers: injectTraceHeaders({
            'content-type': 'application/json',
            accept: 'application/json',
            authorization,
            'x-request-id': requestId,
          }),
          body: JSON.stringify({ query, variables }),
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        throw new SupergraphError('The service could not be reached. Tell the user to try again in a moment.', 'SUBGRAPH_UNAVAILABLE', {
          cause: String(error),
        });
      }

      const body = await readBody(response);
      const first = body?.errors?.[0];
      if (first) {
        const extensions = first.extensions ?? {};
        const code = typeof extensions['code'] === 'string' ? extensions['code'] : undefined;
        const message = typeof first.message === 'string' && first.message !== '' ? first.message : 'The request failed.';
        throw new SupergraphError(message, code, extensions);
      }
      if (!response.ok || body?.data === undefined || body.data === null) {
        throw new SupergraphError(
          `The service answered with HTTP ${response.status} and no data. Tell the user it is unavailable right now.`,
          'SUBGRAPH_UNAVAILABLE',
          {
            status: response.status,
          },
        );
      }
      return body.data as T;
    },
  };
}

async function readBody(response: Response): Promise<GraphQLResponseBody | undefined> {
  try {
    const parsed: unknown = await response.json();
    return typeof parsed === 'object' && parsed !== null ? (parsed as GraphQLResponseBody) : undefined;
  } catch {
    return undefined;
  }
}

import { DelegateBackoff, handleWhen, retry, type IRetryBackoffContext, type RetryPolicy } from 'cockatiel';
import { isRetryableStatus, parseRetryAfter } from '../../../platform/retryable-error.js';
import { RerankError, RerankErrorCode } from './rerank-error.js';
import { orderByScores } from './rerank-order.js';
import type { RerankCandidate, Reranker, RerankOptions, RerankResult } from './reranker.js';

/**
 * Which wire format the endpoint speaks:
 * - `tei`: Hugging Face text-embeddings-inference, `POST {url}/rerank` `{query, texts, raw_scores, truncate}` → `[{index, score}]`
 * - `cohere`: Cohere / Jina / Voyage-style, `POST {url}/v1/rerank` `{model, query, documents, top_n}` → `{results: [{index, relevance_score}]}`
 */
export type HttpRerankApi = 'tei' | 'cohere';

export interface HttpRerankerOptions {
  api: HttpRerankApi;
  /** Base URL without the rerank path, e.g. `http://tei:8080` or `https://api.jina.ai`. */
  url: string;
  /** Model name; required by `cohere`-style APIs, informational for TEI (which serves one model). */
  model?: string;
  /** Overrides the path appended to `url`. @default '/rerank' (tei), '/v1/rerank' (cohere) */
  path?: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string;
  /** Per-request timeout (each retry gets a fresh one). @default 10000 */
  timeoutMs?: number;
  /** Retries after the first request, for 408/409/429/5xx, network errors and timeouts. @default 2 */
  maxRetries?: number;
  /** First backoff delay; doubles per retry, with jitter. @default 200 */
  initialDelayMs?: number;
  /** @default 5000 */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error is final. @default 10000 */
  maxRetryAfterMs?: number;
  /**
   * Candidates per request. TEI rejects batches above its `--max-client-batch-size` (default 32); both APIs return
   * absolute scores (TEI's sigmoid with `raw_scores: false`, Cohere's relevance_score), so batches can be merged.
   * @default 32 (tei), 100 (cohere)
   */
  maxBatchSize?: number;
  /** Prepend the candidate's title to its text (`title\n\ntext`): cross-encoders score better with it. @default true */
  includeTitle?: boolean;
  /** Name in `id` (`http:<name>`). @default model, else the endpoint's host */
  name?: string;
  /** Replaces the global `fetch`, for tests and proxies. */
  fetch?: typeof globalThis.fetch;
}

/** A cross-encoder behind an HTTP rerank endpoint. Returns every candidate, best first; ties keep first-stage order. */
export class HttpReranker implements Reranker {
  readonly id: string;
  private readonly options: HttpRerankerOptions;
  private readonly endpoint: string;
  private readonly retryPolicy: RetryPolicy;

  constructor(options: HttpRerankerOptions) {
    if (options.api === 'cohere' && !options.model) throw new RangeError('HttpReranker: the cohere-style API needs a model name');
    this.options = options;
    this.endpoint = options.url.replace(/\/+$/, '') + (options.path ?? (options.api === 'tei' ? '/rerank' : '/v1/rerank'));
    this.id = `http:${options.name ?? options.model ?? new URL(options.url).host}`;

    const initialDelayMs = options.initialDelayMs ?? 200;
    const maxDelayMs = options.maxDelayMs ?? 5_000;
    const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
    this.retryPolicy = retry(
      handleWhen((error) => error instanceof RerankError && error.isRetryable && (error.retryAfterMs ?? 0) <= maxRetryAfterMs),
      {
        maxAttempts: options.maxRetries ?? 2,
        backoff: new DelegateBackoff((context: IRetryBackoffContext<unknown>) => {
          const error = 'error' in context.result ? context.result.error : undefined;
          if (error instanceof RerankError && error.retryAfterMs !== undefined) return error.retryAfterMs;
          const exponential = Math.min(maxDelayMs, initialDelayMs * 2 ** (context.attempt - 1));
          return exponential / 2 + Math.random() * (exponential / 2);
        }),
      },
    );
  }

  async rerank(query: string, candidates: readonly RerankCandidate[], options: RerankOptions = {}): Promise<RerankResult[]> {
    if (candidates.length === 0) return [];
    const includeTitle = this.options.includeTitle ?? true;
    const texts = candidates.map((c) => (includeTitle && c.title ? `${c.title}\n\n${c.text}` : c.text));
    const batchSize = Math.max(1, this.options.maxBatchSize ?? (this.options.api === 'tei' ? 32 : 100));
    const scores: number[] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      const batch = texts.slice(start, start + batchSize);
      scores.push(...(await this.retryPolicy.execute(() => this.scoreBatch(query, batch, options.signal), options.signal)));
    }
    return orderByScores(candidates, scores);
  }

  /** One request; returns one score per text, in input order. */
  private async scoreBatch(query: string, texts: string[], callerSignal: AbortSignal | undefined): Promise<number[]> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const timeoutSignal = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeoutSignal]) : timeoutSignal;
    const body =
      this.options.api === 'tei'
        ? { query, texts, raw_scores: false, truncate: true }
        : { model: this.options.model, query, documents: texts, top_n: texts.length, return_documents: false };

    let response: Response;
    let payload: unknown;
    try {
      response = await (this.options.fetch ?? globalThis.fetch)(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
        },
        body: JSON.stringify(body),
        signal,
      });
      if (!response.ok) throw await statusError(this.endpoint, response);
      payload = await response.json();
    } catch (error) {
      if (error instanceof RerankError) throw error;
      if (callerSignal?.aborted) {
        throw new RerankError(RerankErrorCode.Aborted, `rerank request to ${this.endpoint} aborted by the caller`, { cause: error });
      }
      if (timeoutSignal.aborted) {
        throw new RerankError(RerankErrorCode.Timeout, `rerank request to ${this.endpoint} timed out after ${timeoutMs}ms`, {
          isRetryable: true,
          cause: error,
        });
      }
      if (error instanceof SyntaxError) {
        throw new RerankError(RerankErrorCode.InvalidResponse, `rerank endpoint ${this.endpoint} answered with invalid JSON`, {
          cause: error,
        });
      }
      const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new RerankError(RerankErrorCode.RequestFailed, `rerank endpoint ${this.endpoint} unreachable: ${reason}`, {
        isRetryable: true,
        cause: error,
      });
    }
    return parseScores(this.endpoint, this.options.api, payload, texts.length);
  }
}

async function statusError(endpoint: string, response: Response): Promise<RerankError> {
  const detail = (await response.text().catch(() => '')).slice(0, 300);
  const retryAfterMs = parseRetryAfter(response.headers);
  return new RerankError(
    RerankErrorCode.RequestFailed,
    `rerank request to ${endpoint} failed with HTTP ${response.status}${detail ? `: ${detail}` : ''}`,
    {
      status: response.status,
      isRetryable: isRetryableStatus(response.status),
      retryAfterMs,
    },
  );
}

/** Checks that every text got exactly one finite score and returns them in input order. */
function parseScores(endpoint: string, api: HttpRerankApi, payload: unknown, count: number): number[] {
  const items = api === 'tei' ? payload : (payload as { results?: unknown } | null)?.results;
  const scoreKey = api === 'tei' ? 'score' : 'relevance_score';
  const invalid = (why: string) =>
    new RerankError(RerankErrorCode.InvalidResponse, `rerank endpoint ${endpoint} (${api}) returned an unusable body: ${why}`);
  if (!Array.isArray(items)) throw invalid(api === 'tei' ? 'expected a JSON array' : 'expected {"results": [...]}');
  const scores = new Array<number | undefined>(count).fill(undefined);
  for (const item of items as unknown[]) {
    const index = (item as Record<string, unknown> | null)?.['index'];
    const score = (item as Record<string, unknown> | null)?.[scoreKey];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count)
      throw invalid(`bad index ${JSON.stringify(index)}`);
    if (typeof score !== 'number' || !Number.isFinite(score)) throw invalid(`bad ${scoreKey} ${JSON.stringify(score)} for index ${index}`);
    if (scores[index] !== undefined) throw invalid(`index ${index} scored twice`);
    scores[index] = score;
  }
  const missing = scores.findIndex((s) => s === undefined);
  if (missing !== -1) throw invalid(`no score for index ${missing} of ${count}`);
  return scores as number[];
}

export function createHttpReranker(options: HttpRerankerOptions): HttpReranker {
  return new HttpReranker(options);
}

import OpenAI, { APIConnectionError, APIError } from 'openai';
import type { Embedder, EmbeddingPurpose } from './embedder.js';
import { isRetryableStatus } from '../../../platform/retryable-error.js';
import { EmbeddingError, EmbeddingErrorCode } from './embedding-error.js';

export interface OpenAIEmbedderSettings {
  /** Model name sent to the endpoint, e.g. `text-embedding-3-small` or `bge-small-en-v1.5`. */
  model: string;
  /** Expected vector size; checked against the endpoint's answer. */
  dimensions: number;
  /** Any OpenAI-compatible base URL (vLLM, TEI, Ollama, LiteLLM …). @default the SDK's (api.openai.com/v1) */
  baseURL?: string;
  /** Bearer key. Local endpoints usually ignore it. @default process.env.OPENAI_API_KEY, else 'unused' */
  apiKey?: string;
  /** Send `dimensions` in the request (only Matryoshka models such as text-embedding-3-* accept it). @default false */
  requestDimensions?: boolean;
  /** Inputs per request (OpenAI allows 2048; smaller batches keep each request well under its token cap). @default 128 */
  maxBatchSize?: number;
  /**
   * Retries per request. The SDK retries only retryable failures (408/409/429/5xx and connection errors),
   * with exponential backoff honouring `retry-after(-ms)`. @default 2
   */
  maxRetries?: number;
  /** Per-request timeout in milliseconds. @default 30000 */
  timeoutMs?: number;
  /** Prefixes some models expect (e5: `query: ` / `passage: `). @default none */
  queryPrefix?: string;
  documentPrefix?: string;
  /** Replaces the global `fetch`, for tests and proxies. */
  fetch?: typeof globalThis.fetch;
}

/** Embeds through any OpenAI-compatible `POST /embeddings` endpoint using the official SDK. */
export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly client: OpenAI;
  private readonly settings: OpenAIEmbedderSettings;
  private readonly batchSize: number;

  constructor(settings: OpenAIEmbedderSettings) {
    if (!Number.isInteger(settings.dimensions) || settings.dimensions < 1) throw new RangeError('dimensions must be a positive integer');
    this.settings = settings;
    this.dimensions = settings.dimensions;
    this.batchSize = Math.max(1, settings.maxBatchSize ?? 128);
    const prefixes =
      settings.queryPrefix || settings.documentPrefix ? `:${settings.queryPrefix ?? ''}|${settings.documentPrefix ?? ''}` : '';
    this.id = `openai-compatible:${settings.model}:${settings.dimensions}${prefixes}`;
    this.client = new OpenAI({
      apiKey: settings.apiKey ?? process.env['OPENAI_API_KEY'] ?? 'unused',
      ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
      maxRetries: settings.maxRetries ?? 2,
      timeout: settings.timeoutMs ?? 30_000,
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    });
  }

  async embed(texts: string[], purpose: EmbeddingPurpose): Promise<Float32Array[]> {
    const prefix = (purpose === 'query' ? this.settings.queryPrefix : this.settings.documentPrefix) ?? '';
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize).map((t) => prefix + t);
      out.push(...(await this.embedBatch(batch)));
    }
    return out;
  }

  private async embedBatch(input: string[]): Promise<Float32Array[]> {
    let response: OpenAI.CreateEmbeddingResponse;
    try {
      response = await this.client.embeddings.create({
        model: this.settings.model,
        input,
        // explicit float: many compatible servers do not implement the SDK's default base64 encoding
        encoding_format: 'float',
        ...(this.settings.requestDimensions ? { dimensions: this.dimensions } : {}),
      });
    } catch (error) {
      throw toEmbeddingError(error);
    }
    if (!Array.isArray(response.data) || response.data.length !== input.length) {
      throw new EmbeddingError(
        EmbeddingErrorCode.InvalidResponse,
        `expected ${input.length} embeddings, got ${Array.isArray(response.data) ? response.data.length : 'none'}`,
      );
    }
    const vectors = new Array<Float32Array>(input.length);
    for (const item of [...response.data].sort((a, b) => a.index - b.index)) {
      if (item.embedding.length !== this.dimensions) {
        throw new EmbeddingError(
          EmbeddingErrorCode.DimensionMismatch,
          `model ${this.settings.model} returned ${item.embedding.length}-dimensional vectors, configured for ${this.dimensions}`,
        );
      }
      vectors[item.index] = Float32Array.from(item.embedding);
    }
    return vectors;
  }
}

function toEmbeddingError(error: unknown): EmbeddingError {
  if (error instanceof EmbeddingError) return error;
  if (error instanceof APIConnectionError) {
    return new EmbeddingError(EmbeddingErrorCode.RequestFailed, `embedding endpoint unreachable: ${error.message}`, {
      isRetryable: true,
      cause: error,
    });
  }
  if (error instanceof APIError) {
    const status = typeof error.status === 'number' ? error.status : undefined;
    return new EmbeddingError(
      EmbeddingErrorCode.RequestFailed,
      `embedding request failed${status ? ` (${status})` : ''}: ${error.message}`,
      {
        isRetryable: isRetryableStatus(status),
        ...(status !== undefined ? { status } : {}),
        cause: error,
      },
    );
  }
  return new EmbeddingError(EmbeddingErrorCode.RequestFailed, `embedding request failed: ${String(error)}`, { cause: error });
}

/** Provider factory in the style of the AI SDK's `createOpenAICompatible`. */
export function createOpenAIEmbedder(settings: OpenAIEmbedderSettings): OpenAIEmbedder {
  return new OpenAIEmbedder(settings);
}

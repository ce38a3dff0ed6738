/**
 * The provider-neutral model interface the assistant codes against (modelled on the Vercel AI SDK's
 * `LanguageModelV3.doStream`): a request in, a typed stream of parts out. Failures are thrown as
 * `ModelError` (see `model-error.ts`), whose `isRetryable` and `kind` drive retries and fallbacks.
 */

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCallPart[] }
  | { role: 'tool'; toolCallId: string; content: string };

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export interface ModelRequest {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  temperature?: number;
  maxTokens?: number;
  /** Aborting cancels the HTTP request and ends the stream with a `ModelError` of kind `aborted`. */
  signal?: AbortSignal;
  /** The request that caused the call; sent as `x-request-id`, so the model server's logs can be matched to ours. */
  requestId?: string;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'other';

export interface TextDeltaPart {
  type: 'text-delta';
  text: string;
}

/** Emitted once per tool call, after all argument fragments were assembled. */
export interface ToolCallPart {
  type: 'tool-call';
  id: string;
  name: string;
  argumentsJson: string;
}

/** Always the last part of a successful stream. `usage` is undefined if the provider did not report it. */
export interface FinishPart {
  type: 'finish';
  reason: FinishReason;
  usage: Usage | undefined;
}

export type StreamPart = TextDeltaPart | ToolCallPart | FinishPart;

export interface LanguageModel {
  /** Provider name used in call records, breaker state and errors (e.g. "openai", "local-vllm"). */
  readonly provider: string;
  readonly modelId: string;
  /** Streams the answer. Throws `ModelError` (from the iterator) on failure. */
  stream(request: ModelRequest): AsyncIterable<StreamPart>;
}

import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { REQUEST_ID_HEADER } from '../request-context.js';
import { toOpenAIMessages, toOpenAITools } from './convert-messages.js';
import type { FinishReason, LanguageModel, ModelRequest, StreamPart, ToolCallPart, Usage } from './language-model.js';
import { mapOpenAIError } from './map-openai-error.js';
import { ModelError } from './model-error.js';
import { createNodeHttpFetch } from '../http/node-http-fetch.js';

const nodeHttpFetch = createNodeHttpFetch();

export interface OpenAICompatibleProviderSettings {
  /** Name used in call records, breaker state and errors. */
  name: string;
  /** E.g. `https://api.openai.com/v1` or a vLLM / Ollama `/v1` endpoint. */
  baseURL: string;
  apiKey: string;
  model: string;
  /** Per-HTTP-request timeout of the SDK (a backstop; the gateway enforces first-token and total timeouts). */
  timeoutMs: number;
  /** Custom fetch, for testing or proxies. @default node:http with kept-alive sockets (platform/http/node-http-fetch.ts) */
  fetch?: typeof globalThis.fetch;
}

function mapFinishReason(reason: ChatCompletionChunk.Choice['finish_reason']): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}

interface PendingToolCall {
  id: string;
  name: string;
  argumentsJson: string;
}

/**
 * A `LanguageModel` over any OpenAI-compatible chat-completions endpoint. The SDK's own retries are
 * disabled (`maxRetries: 0`): retrying is the gateway's job, so there is exactly one retry loop.
 */
export function createOpenAICompatibleProvider(settings: OpenAICompatibleProviderSettings): LanguageModel {
  const client = new OpenAI({
    baseURL: settings.baseURL,
    apiKey: settings.apiKey,
    timeout: settings.timeoutMs,
    maxRetries: 0,
    fetch: settings.fetch ?? nodeHttpFetch,
  });
  const provider = settings.name;

  async function* stream(request: ModelRequest): AsyncGenerator<StreamPart> {
    const tools = toOpenAITools(request.tools);
    let chunks: AsyncIterable<ChatCompletionChunk>;
    try {
      chunks = await client.chat.completions.create(
        {
          model: settings.model,
          messages: toOpenAIMessages(request.messages),
          stream: true,
          stream_options: { include_usage: true },
          ...(tools ? { tools } : {}),
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
        },
        { signal: request.signal ?? null, ...(request.requestId ? { headers: { [REQUEST_ID_HEADER]: request.requestId } } : {}) },
      );
    } catch (error) {
      throw mapOpenAIError(error, provider);
    }

    const toolCalls = new Map<number, PendingToolCall>();
    let finishReason: FinishReason | undefined;
    let usage: Usage | undefined;

    function* flushToolCalls(): Generator<ToolCallPart> {
      for (const index of [...toolCalls.keys()].sort((a, b) => a - b)) {
        const call = toolCalls.get(index)!;
        yield { type: 'tool-call', id: call.id, name: call.name, argumentsJson: call.argumentsJson || '{}' };
      }
      toolCalls.clear();
    }

    try {
      for await (const chunk of chunks) {
        if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
        const choice = chunk.choices[0];
        if (!choice) continue;
        const delta = choice.delta;
        if (delta?.content) yield { type: 'text-delta', text: delta.content };
        for (const fragment of delta?.tool_calls ?? []) {
          const pending = toolCalls.get(fragment.index) ?? { id: '', name: '', argumentsJson: '' };
          if (fragment.id) pending.id = fragment.id;
          if (fragment.function?.name) pending.name += fragment.function.name;
          if (fragment.function?.arguments) pending.argumentsJson += fragment.function.arguments;
          toolCalls.set(fragment.index, pending);
        }
        if (choice.finish_reason) {
          finishReason = mapFinishReason(choice.finish_reason);
          yield* flushToolCalls();
        }
      }
    } catch (error) {
      throw mapOpenAIError(error, provider);
    }

    if (finishReason === undefined) {
      throw new ModelError(`${provider}: stream ended without a finish reason`, {
        kind: 'invalid-response',
        isRetryable: true,
        provider,
      });
    }
    yield* flushToolCalls();
    yield { type: 'finish', reason: finishReason, usage };
  }

  return { provider, modelId: settings.model, stream };
}

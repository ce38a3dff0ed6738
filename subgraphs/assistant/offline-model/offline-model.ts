import { setTimeout as sleep } from 'node:timers/promises';
import { countTokens } from '../../../platform/text/token-count.js';
import type { ChatMessage, LanguageModel, ModelRequest, StreamPart } from '../../../platform/model-gateway/language-model.js';
import { ModelError } from '../../../platform/model-gateway/model-error.js';
import { readConversation } from './conversation-view.js';
import { planStep, type PlannedCall } from './plan-step.js';

export interface OfflineModelOptions {
  /** Words per text-delta part. @default 3 */
  wordsPerPart?: number;
  /** Pause before each text part, to make streaming visible in demos. @default 0 */
  partDelayMs?: number;
}

export const offlineProvider = 'offline';
export const offlineModelId = 'offline-extractive-v1 (not an LLM)';

/**
 * A deterministic stand-in for a language model, used when no model server is configured. It is an ordinary
 * `LanguageModel`, so it goes through the same gateway, tool loop and streaming path as a real one: it decides
 * tool calls with keyword rules on the user's latest message (`intent-rules.ts`) and, once tool results are in the
 * conversation, answers extractively from them (`compose-answer.ts`). Usage is counted with cl100k_base.
 */
export function createOfflineModel(options: OfflineModelOptions = {}): LanguageModel {
  const wordsPerPart = Math.max(1, options.wordsPerPart ?? 3);
  const partDelayMs = options.partDelayMs ?? 0;

  return {
    provider: offlineProvider,
    modelId: offlineModelId,
    async *stream(request: ModelRequest): AsyncGenerator<StreamPart> {
      throwIfAborted(request.signal);
      const tools = new Set((request.tools ?? []).map((tool) => tool.name));
      const step = planStep(readConversation(request.messages), tools);
      const inputTokens = countRequestTokens(request);

      if (step.kind === 'call') {
        const parts = step.calls.map((call, index) => toToolCallPart(call, request.messages, index));
        for (const part of parts) yield part;
        const outputTokens = parts.reduce((sum, part) => sum + countTokens(part.name) + countTokens(part.argumentsJson), 0);
        yield { type: 'finish', reason: 'tool-calls', usage: { inputTokens, outputTokens } };
        return;
      }

      for (const text of splitIntoParts(step.text, wordsPerPart)) {
        if (partDelayMs > 0) await sleep(partDelayMs, undefined, request.signal ? { signal: request.signal } : {}).catch(() => undefined);
        throwIfAborted(request.signal);
        yield { type: 'text-delta', text };
      }
      yield { type: 'finish', reason: 'stop', usage: { inputTokens, outputTokens: countTokens(step.text) } };
    },
  };
}

/** Call ids are derived from the conversation's length, so the same conversation always yields the same ids. */
function toToolCallPart(call: PlannedCall, messages: readonly ChatMessage[], index: number): Extract<StreamPart, { type: 'tool-call' }> {
  return { type: 'tool-call', id: `offline_${messages.length}_${index}`, name: call.name, argumentsJson: JSON.stringify(call.args) };
}

/** Word-wise parts; whitespace (including line breaks) stays attached to the preceding word so the joined text is exact. */
export function splitIntoParts(text: string, wordsPerPart: number): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const parts: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerPart) parts.push(words.slice(i, i + wordsPerPart).join(''));
  return parts;
}

function countRequestTokens(request: ModelRequest): number {
  let total = 0;
  for (const message of request.messages) {
    total += 4 + countTokens(message.content); // ~4 tokens of per-message framing, as in OpenAI's chat format
    if (message.role === 'assistant')
      for (const call of message.toolCalls ?? []) total += countTokens(call.name) + countTokens(call.argumentsJson);
  }
  if (request.tools && request.tools.length > 0) total += countTokens(JSON.stringify(request.tools));
  return total;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new ModelError('The offline model call was aborted', {
      kind: 'aborted',
      isRetryable: false,
      provider: offlineProvider,
      cause: signal.reason,
    });
}

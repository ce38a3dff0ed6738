import type {
  ChatMessage,
  FinishReason,
  LanguageModel,
  ToolCallPart,
  ToolDefinition,
  Usage,
} from '../../../platform/model-gateway/language-model.js';
import { isModelError } from '../../../platform/model-gateway/model-error.js';
import type { Citation } from '../conversations/citation.js';
import type { ToolCallResult, ToolRegistry } from '../tools/tool-registry.js';

/**
 * `tool-round-limit`: the model still wanted tools after `maxToolRounds` rounds, so the final answer was asked for
 * without tools (the text is that answer). `interrupted`: the stream broke after output reached the user (the text
 * is partial). `other`: the stream ended without a finish part or with an unknown reason.
 */
export type TurnFinishReason = 'stop' | 'length' | 'tool-round-limit' | 'interrupted' | 'content-filter' | 'other';

export type TurnEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'tool-call-started'; callId: string; name: string; argumentsJson: string; round: number }
  | {
      type: 'tool-call-finished';
      callId: string;
      name: string;
      ok: boolean;
      resultJson: string;
      errorCode: string | null;
      durationMs: number;
    }
  | { type: 'finished'; text: string; citations: Citation[]; usage: Usage; finishReason: TurnFinishReason; toolRounds: number };

export interface RunTurnInput<C> {
  /** Normally the ModelGateway. */
  model: LanguageModel;
  /** System prompt + history + the new user message, already redacted. */
  messages: ChatMessage[];
  tools: ToolRegistry<C>;
  toolContext: C;
  signal?: AbortSignal;
  /** Default 5; after the limit the model is called once more WITHOUT tools to answer. */
  maxToolRounds?: number;
  temperature?: number;
  maxTokens?: number;
  /** Sent with every model call of the turn (x-request-id). */
  requestId?: string;
}

export const defaultMaxToolRounds = 5;

/** One streamed model call: its text, its complete tool calls and how it ended. */
interface ModelRound {
  text: string;
  toolCalls: ToolCallPart[];
  reason: FinishReason | undefined;
}

/**
 * Runs one assistant turn: streams the model, executes the tool calls it asks for, feeds the results back and
 * repeats until the model answers without tools (or the round limit forces a tool-less answer).
 *
 * Text from every round is forwarded as it arrives, so `finished.text` is everything the user saw. Errors other
 * than an `interrupted` stream are thrown to the caller; an aborted signal rethrows the abort error.
 */
export async function* runTurn<C>(input: RunTurnInput<C>): AsyncGenerator<TurnEvent, void, undefined> {
  const maxToolRounds = Math.max(0, input.maxToolRounds ?? defaultMaxToolRounds);
  const toolDefinitions = toModelToolDefinitions(input.tools);
  const messages: ChatMessage[] = [...input.messages];
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  const citations = new CitationCollector();
  let text = '';
  let toolRounds = 0;

  const finished = (finishReason: TurnFinishReason): TurnEvent => ({
    type: 'finished',
    text,
    citations: citations.list(),
    usage: { ...usage },
    finishReason,
    toolRounds,
  });

  for (;;) {
    const toolsAllowed = toolRounds < maxToolRounds && toolDefinitions.length > 0;
    const round: ModelRound = { text: '', toolCalls: [], reason: undefined };
    try {
      const stream = input.model.stream({
        messages,
        ...(toolsAllowed ? { tools: toolDefinitions } : {}),
        ...(input.temperature === undefined ? {} : { temperature: input.temperature }),
        ...(input.maxTokens === undefined ? {} : { maxTokens: input.maxTokens }),
        ...(input.signal ? { signal: input.signal } : {}),
        ...(input.requestId ? { requestId: input.requestId } : {}),
      });
      for await (const part of stream) {
        if (part.type === 'text-delta') {
          if (part.text === '') continue;
          round.text += part.text;
          text += part.text;
          yield { type: 'text-delta', text: part.text };
        } else if (part.type === 'tool-call') {
          round.toolCalls.push(part);
        } else {
          round.reason = part.reason;
          addUsage(usage, part.usage);
        }
      }
    } catch (error) {
      if (input.signal?.aborted) throw error;
      if (isModelError(error) && error.kind === 'interrupted') {
        yield finished('interrupted');
        return;
      }
      throw error;
    }

    // Tool calls from a tool-less call (a misbehaving model) cannot be honoured: end with what was said.
    if (round.toolCalls.length === 0 || !toolsAllowed) {
      const limitReached = toolRounds >= maxToolRounds && toolRounds > 0;
      yield finished(limitReached && !isHardStop(round.reason) ? 'tool-round-limit' : toTurnFinishReason(round.reason));
      return;
    }

    toolRounds += 1;
    messages.push({ role: 'assistant', content: round.text, toolCalls: round.toolCalls });
    for (const call of round.toolCalls) {
      yield { type: 'tool-call-started', callId: call.id, name: call.name, argumentsJson: call.argumentsJson, round: toolRounds };
    }
    // Calls in one round are independent by contract, so they run concurrently; events stay in call order.
    const pending = round.toolCalls.map((call) => invokeTimed(input, call));
    for (const [index, call] of round.toolCalls.entries()) {
      const { result, durationMs } = await pending[index]!;
      if (result.ok) citations.addFrom(result.result);
      const resultJson = serializeToolResult(result);
      messages.push({ role: 'tool', toolCallId: call.id, content: resultJson });
      yield {
        type: 'tool-call-finished',
        callId: call.id,
        name: call.name,
        ok: result.ok,
        resultJson,
        errorCode: result.ok ? null : result.error.code,
        durationMs,
      };
    }
    input.signal?.throwIfAborted();
  }
}

function toModelToolDefinitions<C>(tools: ToolRegistry<C>): ToolDefinition[] {
  return tools.toolDefinitions().map(({ function: fn }) => ({ name: fn.name, description: fn.description, parameters: fn.parameters }));
}

async function invokeTimed<C>(input: RunTurnInput<C>, call: ToolCallPart): Promise<{ result: ToolCallResult; durationMs: number }> {
  const startedAt = performance.now();
  const result = await input.tools.invoke(call.name, call.argumentsJson, input.toolContext, input.signal ? { signal: input.signal } : {});
  return { result, durationMs: Math.round(performance.now() - startedAt) };
}

/** What the model reads as the tool message: the result itself, or `{ error }` phrased for the model. */
export function serializeToolResult(result: ToolCallResult): string {
  const payload = result.ok ? (result.result ?? null) : { error: result.error };
  return JSON.stringify(payload) ?? 'null';
}

function addUsage(total: Usage, part: Usage | undefined): void {
  if (!part) return;
  total.inputTokens += part.inputTokens;
  total.outputTokens += part.outputTokens;
}

/** A truncated or filtered answer is reported as such even when the round limit forced it. */
function isHardStop(reason: FinishReason | undefined): boolean {
  return reason === 'length' || reason === 'content-filter';
}

function toTurnFinishReason(reason: FinishReason | undefined): TurnFinishReason {
  switch (reason) {
    case 'stop':
    case 'length':
    case 'content-filter':
      return reason;
    default:
      // A stream that ended without a finish part, or said `tool-calls` without any call, ended abnormally.
      return 'other';
  }
}

/** Collects `citations` from tool results (e.g. search_knowledge_base), once per chunk, in first-seen order. */
class CitationCollector {
  private readonly byChunk = new Map<string, Citation>();

  addFrom(result: unknown): void {
    if (typeof result !== 'object' || result === null || !('citations' in result)) return;
    const { citations } = result as { citations: unknown };
    if (!Array.isArray(citations)) return;
    for (const candidate of citations) {
      if (!isCitation(candidate) || this.byChunk.has(candidate.chunkId)) continue;
      this.byChunk.set(candidate.chunkId, { documentId: candidate.documentId, chunkId: candidate.chunkId, title: candidate.title });
    }
  }

  list(): Citation[] {
    return [...this.byChunk.values()];
  }
}

function isCitation(value: unknown): value is Citation {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['documentId'] === 'string' && typeof record['chunkId'] === 'string' && typeof record['title'] === 'string';
}

import type { ModelCallRecord } from '../../../platform/model-gateway/call-record.js';
import type { ToolApproval } from '../approvals/tool-approval.entity.js';
import type { CachedAnswer } from '../caches/semantic-answer-cache.js';
import type { ChatStreamHub } from './chat-stream-hub.js';
import { confirmedOrderIdFrom, type TurnOutcome } from './chat-turn-outcome.js';
import type { FinishedTurn, RecordedToolCall } from './message-repository.js';
import type { Citation } from '../conversations/citation.js';
import type { TurnEvent } from './run-turn.js';

type Usage = { inputTokens: number; outputTokens: number };

/** What a running turn has produced so far: each event is recorded and published to the message's stream in the hub. */
export class TurnTranscript {
  text = '';
  citations: Citation[] = [];
  private usage: Usage | undefined;
  private confirmedOrderId: string | null = null;
  private source: { provider: string; model: string | null } | undefined;
  private readonly toolCalls = new Map<string, RecordedToolCall>();

  constructor(
    private readonly hub: ChatStreamHub,
    private readonly messageId: string,
  ) {}

  /** The answer comes from the semantic cache instead of a model call. */
  served(cached: CachedAnswer): void {
    ({ text: this.text, citations: this.citations } = cached);
    this.usage = { inputTokens: 0, outputTokens: 0 };
    this.source = { provider: 'semantic-cache', model: null };
    this.hub.push(this.messageId, { kind: 'delta', text: this.text });
  }

  delta(event: Extract<TurnEvent, { type: 'text-delta' }>): void {
    this.text += event.text;
    this.hub.push(this.messageId, { kind: 'delta', text: event.text });
  }

  toolStarted(event: Extract<TurnEvent, { type: 'tool-call-started' }>): void {
    const { callId, name, argumentsJson, round } = event;
    this.toolCalls.set(callId, { callId, name, argumentsJson, round, startedAt: Date.now() });
    this.hub.push(this.messageId, { kind: 'tool-started', callId, name, argumentsJson, round });
  }

  toolFinished(event: Extract<TurnEvent, { type: 'tool-call-finished' }>): void {
    const call = this.toolCalls.get(event.callId);
    if (call) call.finished = { ok: event.ok, resultJson: event.resultJson, errorCode: event.errorCode, durationMs: event.durationMs };
    this.confirmedOrderId = confirmedOrderIdFrom(event.name, event.ok, event.resultJson) ?? this.confirmedOrderId;
    this.hub.push(this.messageId, {
      kind: 'tool-finished',
      callId: event.callId,
      name: event.name,
      ok: event.ok,
      errorCode: event.errorCode,
      durationMs: event.durationMs,
    });
  }

  /** A side-effecting call waits for its user; it did not run. */
  approvalRequested(approval: ToolApproval): void {
    this.hub.push(this.messageId, { kind: 'approval-requested', approval });
  }

  finished(event: Extract<TurnEvent, { type: 'finished' }>): void {
    this.text = event.text;
    this.citations = event.citations;
    this.usage = event.usage;
  }

  /** The message as it is to be stored; usage and model come from the model calls when the turn did not report them. */
  toFinishedTurn(outcome: TurnOutcome, records: readonly ModelCallRecord[]): FinishedTurn {
    const usage = this.usage ?? sumUsage(records);
    const lastCall = records.at(-1);
    const { source } = this;
    return {
      ...outcome,
      content: this.text,
      citations: this.citations,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      model: source ? source.model : (lastCall?.model ?? null),
      provider: source ? source.provider : (lastCall?.provider ?? null),
      confirmedOrderId: this.confirmedOrderId,
      toolCalls: [...this.toolCalls.values()],
    };
  }
}

function sumUsage(records: readonly { usage: Usage | undefined }[]): Usage {
  return records.reduce(
    (sum, record) => ({
      inputTokens: sum.inputTokens + (record.usage?.inputTokens ?? 0),
      outputTokens: sum.outputTokens + (record.usage?.outputTokens ?? 0),
    }),
    { inputTokens: 0, outputTokens: 0 },
  );
}

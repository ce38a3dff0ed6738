import { AsyncLocalStorage } from 'node:async_hooks';
import type { Config } from '../../../platform/config.js';
import type { EventBus } from '../../../platform/events/event-bus.js';
import type { Logger } from '../../../platform/logger.js';
import { publishLlmCall, type LlmCallOutcome } from '../../../platform/events/contracts/llm-call-event.js';
import type { CallOutcome, ModelCallRecord } from '../../../platform/model-gateway/call-record.js';
import { recordModelCall, type PromptLabels } from '../../../platform/model-gateway/gen-ai-metrics.js';
import { costMicros } from './chat-model.js';
import type { PromptIdentity } from './chat-prompt.js';

/** Who a model call is for; the gateway's call records carry no tenant, so the turn supplies it. */
export interface TurnUsageScope {
  tenantId: string;
  conversationId: string;
  prompt: PromptIdentity;
  /** The assistant message the calls answer (ratings of it are joined to the prompt variant by this ID). */
  messageId: string;
  /** The request that started the turn. */
  requestId: string;
  /** Every call record of the turn, in order (tool rounds make several). */
  records: ModelCallRecord[];
}

/** The metrics' prompt labels: `assistant-system@1` and its variant, both bounded by the prompt registry's files. */
function promptLabels(scope: TurnUsageScope): PromptLabels {
  return { prompt: `${scope.prompt.name}@${scope.prompt.version}`, variant: scope.prompt.variant };
}

const outcomes: Record<CallOutcome, LlmCallOutcome> = { success: 'ok', failed: 'error', interrupted: 'error', aborted: 'cancelled' };

/**
 * Publishes one `llm_call_v1` event per model call. The model gateway is shared by all turns and reports calls through
 * one callback, so the turn's scope travels in AsyncLocalStorage: the gateway emits its record inside the turn's
 * iteration of the stream, i.e. in the turn's async context.
 */
export class ChatUsageReporter {
  private readonly scopes = new AsyncLocalStorage<TurnUsageScope>();
  private readonly publishing = new Set<Promise<unknown>>();

  constructor(
    private readonly bus: EventBus,
    private readonly prices: Config['MODEL_PRICES'],
    private readonly logger: Logger,
    /** Called with each attributed call's tenant and usage (the tenant's LLM quota counts it). */
    private readonly onUsage?: (tenantId: string, usage: { tokens: number; costMicros: number }) => Promise<void>,
  ) {}

  run<T>(scope: TurnUsageScope, fn: () => Promise<T>): Promise<T> {
    return this.scopes.run(scope, fn);
  }

  /** The gateway's onCallRecord. */
  readonly record = (record: ModelCallRecord): void => {
    const scope = this.scopes.getStore();
    if (!scope) {
      recordModelCall(record, { prompt: 'none', variant: 'none' });
      this.logger.warn({ provider: record.provider }, 'model call outside a chat turn; usage not attributed');
      return;
    }
    scope.records.push(record);
    const inputTokens = record.usage?.inputTokens ?? 0;
    const outputTokens = record.usage?.outputTokens ?? 0;
    const cost = costMicros(this.prices, record.model, inputTokens, outputTokens);
    recordModelCall(record, promptLabels(scope), cost / 1e6);
    const counted = this.onUsage?.(scope.tenantId, { tokens: inputTokens + outputTokens, costMicros: cost })
      .catch((error: unknown) => this.logger.error({ err: error, conversationId: scope.conversationId }, 'counting LLM usage failed'))
      .finally(() => this.publishing.delete(counted!));
    if (counted) this.publishing.add(counted);
    const published = publishLlmCall(this.bus, scope.tenantId, {
      provider: record.provider,
      model: record.model,
      promptName: scope.prompt.name,
      promptVersion: scope.prompt.version,
      promptVariant: scope.prompt.variant,
      messageId: scope.messageId,
      requestId: scope.requestId,
      inputTokens,
      outputTokens,
      latencyMs: Math.round(record.latencyMs),
      timeToFirstTokenMs: record.timeToFirstTokenMs === undefined ? null : Math.round(record.timeToFirstTokenMs),
      costMicros: cost,
      outcome: outcomes[record.outcome],
      errorType: record.errorType ?? null,
      conversationId: scope.conversationId,
    })
      .catch((error: unknown) => this.logger.error({ err: error, conversationId: scope.conversationId }, 'publishing LLM usage failed'))
      .finally(() => this.publishing.delete(published));
    this.publishing.add(published);
  };

  /** Lets pending publishes finish before the bus closes. */
  async drain(): Promise<void> {
    await Promise.all([...this.publishing]);
  }
}

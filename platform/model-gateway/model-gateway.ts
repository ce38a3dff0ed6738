import { recordBreakerState } from './gen-ai-metrics.js';
import type { CallOutcome, ModelCallRecord, ProviderAttempt } from './call-record.js';
import type { FinishReason, LanguageModel, ModelRequest, StreamPart, Usage } from './language-model.js';
import { endModelCallSpan, markFirstToken, startModelCallSpan } from './model-call-span.js';
import { ModelError, type ModelErrorKind } from './model-error.js';
import { capturesMessageContent } from '../telemetry/tracing-settings.js';
import {
  createProviderPolicy,
  toBreakerState,
  toModelError,
  type BreakerSettings,
  type BreakerState,
  type ProviderPolicy,
  type RetrySettings,
} from './provider-policy.js';

export interface GatewayTimeouts {
  /** Per request: how long a provider may take to produce its first stream part before it is abandoned (and retried). @default 15000 */
  firstTokenMs?: number;
  /** Per gateway call, over all retries and providers, including streaming the answer. @default 120000 */
  totalMs?: number;
}

export interface ModelGatewayOptions {
  /** Primary first, then fallbacks in order. Provider names must be unique. */
  providers: LanguageModel[];
  retry?: RetrySettings;
  breaker?: BreakerSettings;
  timeouts?: GatewayTimeouts;
  /** Per provider name: its own retry budget, breaker and first-token timeout, over the shared settings above. */
  providerSettings?: Record<string, ProviderSettings>;
  /** Called once per call when it ends, whatever the outcome. Exceptions thrown here are swallowed. */
  onCallRecord?: (record: ModelCallRecord) => void;
  onBreakerStateChange?: (provider: string, state: BreakerState) => void;
  onRetry?: (provider: string, event: { attempt: number; delayMs: number; error: unknown }) => void;
}

export interface ProviderSettings {
  retry?: RetrySettings;
  breaker?: BreakerSettings;
  firstTokenMs?: number;
}

export interface ModelGateway extends LanguageModel {
  breakerState(provider: string): BreakerState;
  breakerStates(): Record<string, BreakerState>;
}

interface ProviderEntry extends ProviderPolicy {
  model: LanguageModel;
}

interface OpenedStream {
  iterator: AsyncIterator<StreamPart>;
  first: IteratorResult<StreamPart>;
}

/** Errors after which trying the next provider cannot help: the caller gave up, or the request itself is invalid. */
const noFallbackKinds: ReadonlySet<ModelErrorKind> = new Set(['aborted', 'bad-request']);

/**
 * A `LanguageModel` over an ordered chain of providers, each guarded by its own retry → circuit breaker →
 * first-token timeout policy (built once, here, and shared by all calls).
 *
 * Fallback rule: the policies guard the phase up to a provider's first stream part. If a provider fails
 * before anything was emitted (after its retries, or immediately when its circuit is open), the next
 * provider is tried transparently. Once a part has been emitted to the caller, the call is committed to
 * that provider: a later failure is NOT retried or re-run elsewhere (that would duplicate text) and the
 * stream throws a `ModelError` of kind `interrupted` (its `cause` holds the underlying error). Callers
 * should keep the partial answer and tell the user it was cut off.
 *
 * 400-class request errors (`bad-request`) and caller aborts end the call without fallback.
 */
export function createModelGateway(options: ModelGatewayOptions): ModelGateway {
  if (options.providers.length === 0) throw new Error('createModelGateway: at least one provider is required');
  const names = options.providers.map((provider) => provider.provider);
  if (new Set(names).size !== names.length) throw new Error(`createModelGateway: duplicate provider names (${names.join(', ')})`);

  const firstTokenMs = options.timeouts?.firstTokenMs ?? 15_000;
  const totalMs = options.timeouts?.totalMs ?? 120_000;

  const entries: ProviderEntry[] = options.providers.map((model) => {
    const own = options.providerSettings?.[model.provider] ?? {};
    const policy = createProviderPolicy(
      { ...options.retry, ...own.retry },
      { ...options.breaker, ...own.breaker },
      own.firstTokenMs ?? firstTokenMs,
    );
    const entry: ProviderEntry = { model, ...policy };
    recordBreakerState(model.provider, toBreakerState(entry.breaker.state));
    entry.breaker.onStateChange((state) => {
      recordBreakerState(model.provider, toBreakerState(state));
      options.onBreakerStateChange?.(model.provider, toBreakerState(state));
    });
    entry.retry.onRetry((event) =>
      options.onRetry?.(model.provider, {
        attempt: event.attempt,
        delayMs: event.delay,
        error: 'error' in event ? event.error : undefined,
      }),
    );
    return entry;
  });

  function emitRecord(record: ModelCallRecord): void {
    try {
      options.onCallRecord?.(record);
    } catch {
      // Observability must never break an answer.
    }
  }

  /** Runs the provider chain until one produces its first part. Throws the error that ended the call. */
  async function open(request: ModelRequest, totalSignal: AbortSignal, tried: ProviderAttempt[]): Promise<[ProviderEntry, OpenedStream]> {
    let lastError: ModelError | undefined;
    for (const entry of entries) {
      const attempt: ProviderAttempt = { provider: entry.model.provider, model: entry.model.modelId, requests: 0, errorType: undefined };
      tried.push(attempt);
      try {
        const opened = await entry.policy.execute(async ({ signal }): Promise<OpenedStream> => {
          attempt.requests += 1;
          const signals = request.signal ? [signal, totalSignal, request.signal] : [signal, totalSignal];
          const iterator = entry.model.stream({ ...request, signal: AbortSignal.any(signals) })[Symbol.asyncIterator]();
          return { iterator, first: await iterator.next() };
        }, request.signal);
        return [entry, opened];
      } catch (error) {
        lastError = toModelError(error, entry.model.provider, firstTokenMs);
        attempt.errorType = lastError.kind;
        if (request.signal?.aborted) {
          throw new ModelError('model call aborted by caller', { kind: 'aborted', isRetryable: false, cause: lastError });
        }
        if (totalSignal.aborted) {
          throw new ModelError(`model call exceeded ${totalMs}ms`, { kind: 'timeout', isRetryable: true, cause: lastError });
        }
        if (noFallbackKinds.has(lastError.kind)) throw lastError;
      }
    }
    throw lastError!;
  }

  async function* stream(request: ModelRequest): AsyncGenerator<StreamPart> {
    const startedAt = new Date();
    const started = performance.now();
    const totalSignal = AbortSignal.timeout(totalMs);
    const tried: ProviderAttempt[] = [];
    let outcome: CallOutcome | undefined;
    let errorType: ModelErrorKind | undefined;
    let timeToFirstTokenMs: number | undefined;
    let usage: Usage | undefined;
    let iterator: AsyncIterator<StreamPart> | undefined;
    const span = startModelCallSpan(request, entries[0]!.model.modelId);
    let finishReason: FinishReason | undefined;
    let answer = '';

    try {
      let entry: ProviderEntry;
      let first: IteratorResult<StreamPart>;
      try {
        [entry, { iterator, first }] = await open(request, totalSignal, tried);
      } catch (error) {
        const modelError = error as ModelError;
        outcome = modelError.kind === 'aborted' ? 'aborted' : 'failed';
        errorType = modelError.kind;
        throw modelError;
      }

      timeToFirstTokenMs = performance.now() - started;
      markFirstToken(span, timeToFirstTokenMs);
      let next = first;
      while (!next.done) {
        if (next.value.type === 'finish') ({ usage, reason: finishReason } = next.value);
        else if (next.value.type === 'text-delta' && capturesMessageContent()) answer += next.value.text;
        yield next.value;
        try {
          next = await iterator.next();
        } catch (error) {
          const cause = toModelError(error, entry.model.provider, firstTokenMs);
          if (request.signal?.aborted) {
            outcome = 'aborted';
            errorType = 'aborted';
            throw new ModelError('model call aborted by caller', { kind: 'aborted', isRetryable: false, cause });
          }
          outcome = 'interrupted';
          errorType = totalSignal.aborted ? 'timeout' : cause.kind;
          tried[tried.length - 1]!.errorType = errorType;
          throw new ModelError(`${entry.model.provider}: stream interrupted after output was sent (${errorType})`, {
            kind: 'interrupted',
            isRetryable: false,
            provider: entry.model.provider,
            cause,
          });
        }
      }
      outcome = 'success';
    } finally {
      // Reached on success, on error, and when the consumer stops reading early (`return()`).
      if (outcome === undefined) {
        outcome = 'aborted';
        errorType = 'aborted';
      }
      if (outcome !== 'success' && outcome !== 'interrupted') await iterator?.return?.().catch(() => undefined);
      const last = tried[tried.length - 1];
      const record: ModelCallRecord = {
        provider: last?.provider ?? entries[0]!.model.provider,
        model: last?.model ?? entries[0]!.model.modelId,
        startedAt,
        latencyMs: performance.now() - started,
        timeToFirstTokenMs,
        usage,
        outcome,
        errorType,
        attempts: tried.reduce((sum, attempt) => sum + attempt.requests, 0),
        providers: tried,
      };
      endModelCallSpan(span, record, finishReason, answer);
      emitRecord(record);
    }
  }

  return {
    provider: 'gateway',
    modelId: entries[0]!.model.modelId,
    stream,
    breakerState: (provider) => {
      const entry = entries.find((candidate) => candidate.model.provider === provider);
      if (!entry) throw new Error(`unknown provider ${provider}`);
      return toBreakerState(entry.breaker.state);
    },
    breakerStates: () => Object.fromEntries(entries.map((entry) => [entry.model.provider, toBreakerState(entry.breaker.state)])),
  };
}

import type { Usage } from './language-model.js';
import type { ModelErrorKind } from './model-error.js';

/**
 * `success`: finished normally. `failed`: no provider produced output. `interrupted`: output had reached
 * the caller when the stream broke (no fallback). `aborted`: the caller's signal fired or it stopped reading.
 */
export type CallOutcome = 'success' | 'failed' | 'interrupted' | 'aborted';

/** One provider tried during a call, in order. */
export interface ProviderAttempt {
  provider: string;
  model: string;
  /** HTTP requests sent to this provider (0 when its breaker was open). */
  requests: number;
  /** Undefined for the provider that answered successfully. */
  errorType: ModelErrorKind | undefined;
}

/** Emitted once per gateway call, for observability to store. */
export interface ModelCallRecord {
  /** The provider that produced the answer, or the last one tried. */
  provider: string;
  model: string;
  startedAt: Date;
  latencyMs: number;
  /** Time until the first stream part reached the caller; undefined if none did. */
  timeToFirstTokenMs: number | undefined;
  usage: Usage | undefined;
  outcome: CallOutcome;
  errorType: ModelErrorKind | undefined;
  /** Total HTTP requests over all providers (retries included). */
  attempts: number;
  providers: ProviderAttempt[];
}

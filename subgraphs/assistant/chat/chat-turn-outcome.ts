import { isUuid } from '../../../platform/is-uuid.js';
import type { MessageStatus } from '../conversations/message.entity.js';
import { isModelError } from '../../../platform/model-gateway/model-error.js';
import type { TurnFinishReason } from './run-turn.js';

export interface TurnOutcome {
  status: MessageStatus;
  finishReason: string | null;
  errorCode: string | null;
}

/** A finished turn: an interrupted stream keeps its partial text but is marked FAILED, so clients can say it was cut off. */
export function finishedOutcome(reason: TurnFinishReason): TurnOutcome {
  if (reason === 'interrupted') return { status: 'FAILED', finishReason: reason, errorCode: 'MODEL_INTERRUPTED' };
  return { status: 'COMPLETED', finishReason: reason, errorCode: null };
}

/** A turn that threw: cancelled by the user, no model available, or a bug (logged by the caller). */
export function failedOutcome(error: unknown, cancelled: boolean): TurnOutcome {
  if (cancelled) return { status: 'CANCELLED', finishReason: 'interrupted', errorCode: null };
  if (isModelError(error)) {
    if (error.kind === 'interrupted') return { status: 'FAILED', finishReason: 'interrupted', errorCode: 'MODEL_INTERRUPTED' };
    if (error.kind === 'timeout') return { status: 'FAILED', finishReason: null, errorCode: 'MODEL_TIMEOUT' };
    return { status: 'FAILED', finishReason: null, errorCode: 'MODEL_UNAVAILABLE' };
  }
  return { status: 'FAILED', finishReason: null, errorCode: 'INTERNAL_ERROR' };
}

/** The order a successful confirm_order created, from its result (shape owned by the tool; a few spellings accepted). */
export function confirmedOrderIdFrom(name: string, ok: boolean, resultJson: string): string | null {
  if (name !== 'confirm_order' || !ok) return null;
  try {
    const result = JSON.parse(resultJson) as Record<string, unknown> | null;
    const order = result?.['order'] as Record<string, unknown> | undefined;
    const candidate = result?.['orderId'] ?? order?.['id'] ?? result?.['id'];
    return typeof candidate === 'string' && isUuid(candidate) ? candidate : null;
  } catch {
    return null;
  }
}

export function parseJsonOrText(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return { unparsed: json };
  }
}

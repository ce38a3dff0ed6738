import { PiiRedactor, type PiiRedactorOptions } from '../guardrails/pii.js';
import type { ChatServiceOptions } from './chat-options.js';
import type { FinishedTurn } from './message-repository.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant's redaction settings: its phone regions when the deployment reads them per tenant, else the defaults. */
export async function tenantPiiOptions(
  phoneRegionsOf: ChatServiceOptions<unknown>['piiPhoneRegions'],
  tenantId: string,
): Promise<PiiRedactorOptions> {
  const phoneRegions = await phoneRegionsOf?.(tenantId);
  return phoneRegions ? { phoneRegions } : {};
}

/**
 * The turn as it is to be stored: the model's answer, tool-call arguments and tool results with PII replaced by
 * placeholders (one redactor, so the same value gets the same placeholder across them). What was streamed to the
 * user during the turn is not changed (docs/security.md, "PII").
 */
export function redactFinishedTurn(turn: FinishedTurn, options: PiiRedactorOptions): FinishedTurn {
  const redactor = new PiiRedactor(options);
  return {
    ...turn,
    content: redactor.redact(turn.content).text,
    toolCalls: turn.toolCalls.map((call) => ({
      ...call,
      argumentsJson: redactJsonText(call.argumentsJson, redactor),
      ...(call.finished ? { finished: { ...call.finished, resultJson: redactJsonText(call.finished.resultJson, redactor) } } : {}),
    })),
  };
}

/** Redacts the string values of a JSON text (keys, numbers and IDs stay as they are), or the text itself if not JSON. */
export function redactJsonText(json: string, redactor: PiiRedactor): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return redactor.redact(json).text;
  }
  return JSON.stringify(redactValue(value, redactor));
}

function redactValue(value: unknown, redactor: PiiRedactor): unknown {
  if (typeof value === 'string') return uuidPattern.test(value) ? value : redactor.redact(value).text;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redactor));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, redactor)]));
  }
  return value;
}

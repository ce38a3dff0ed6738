import { describe, expect, it } from 'vitest';
import type { FinishedTurn } from './message-repository.js';
import { redactFinishedTurn } from './redact-turn.js';

const turn: FinishedTurn = {
  status: 'COMPLETED',
  finishReason: 'stop',
  errorCode: null,
  content: 'Your order goes to 221B Baker Street, London NW1 6XE; we will call 020 7946 0958.',
  citations: [],
  inputTokens: 1,
  outputTokens: 2,
  model: 'scripted',
  provider: 'scripted',
  confirmedOrderId: null,
  toolCalls: [
    {
      callId: 'c1',
      name: 'lookup_customer',
      argumentsJson: JSON.stringify({ orderId: '0f8fad5b-d9cb-469f-a165-70867728950e', email: 'jane@example.com' }),
      round: 1,
      startedAt: 0,
      finished: {
        ok: true,
        resultJson: JSON.stringify({ customer: { ssn: '123-45-6789', lastIp: '192.0.2.44', quantity: 2, notes: ['ring 020 7946 0958'] } }),
        errorCode: null,
        durationMs: 3,
      },
    },
    { callId: 'c2', name: 'note', argumentsJson: 'not json jane@example.com', round: 1, startedAt: 0 },
  ],
};

describe('redactFinishedTurn', () => {
  it('redacts the answer, tool arguments and results with one numbering, leaving keys, numbers and IDs', () => {
    const redacted = redactFinishedTurn(turn, {});
    expect(redacted.content).toBe('Your order goes to [ADDRESS_1]; we will call [PHONE_1].');
    const [first, second] = redacted.toolCalls;
    expect(JSON.parse(first!.argumentsJson)).toEqual({ orderId: '0f8fad5b-d9cb-469f-a165-70867728950e', email: '[EMAIL_1]' });
    expect(JSON.parse(first!.finished!.resultJson)).toEqual({
      customer: { ssn: '[SSN_1]', lastIp: '[IP_ADDRESS_1]', quantity: 2, notes: ['ring [PHONE_1]'] },
    });
    expect(second!.argumentsJson).toBe('not json [EMAIL_1]');
    expect(second!.finished).toBeUndefined();
    // The original is not changed (the streamed text and the hub's copy stay as the model wrote them).
    expect(turn.content).toContain('Baker Street');
  });
});

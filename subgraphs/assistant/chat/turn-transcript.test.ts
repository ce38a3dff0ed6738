import { describe, expect, it } from 'vitest';
import type { ModelCallRecord } from '../../../platform/model-gateway/call-record.js';
import { ChatStreamHub } from './chat-stream-hub.js';
import { TurnTranscript } from './turn-transcript.js';

const completed = { status: 'COMPLETED', finishReason: 'stop', errorCode: null } as const;

describe('TurnTranscript', () => {
  it('publishes each event and stores the turn, usage and model from the calls when the turn reported none', () => {
    const hub = new ChatStreamHub();
    hub.open('m1', 'demo:alice');
    const transcript = new TurnTranscript(hub, 'm1');
    transcript.delta({ type: 'text-delta', text: 'Soup ' });
    transcript.toolStarted({ type: 'tool-call-started', callId: 'c1', name: 'retrieve_menu', argumentsJson: '{}', round: 1 });
    transcript.toolStarted({ type: 'tool-call-started', callId: 'c2', name: 'retrieve_menu', argumentsJson: '{"q":1}', round: 1 });
    transcript.toolFinished({
      type: 'tool-call-finished',
      callId: 'c1',
      name: 'retrieve_menu',
      ok: true,
      resultJson: '[]',
      errorCode: null,
      durationMs: 4,
    });
    transcript.delta({ type: 'text-delta', text: 'is 4.' });
    const records = [
      { provider: 'p', model: 'a', usage: { inputTokens: 3, outputTokens: 1 } },
      { provider: 'p', model: 'b', usage: { inputTokens: 5, outputTokens: 2 } },
    ] as ModelCallRecord[];
    const turn = transcript.toFinishedTurn(completed, records);
    expect(turn).toMatchObject({
      ...completed,
      content: 'Soup is 4.',
      inputTokens: 8,
      outputTokens: 3,
      model: 'b',
      provider: 'p',
      confirmedOrderId: null,
    });
    expect(turn.toolCalls.map((call) => [call.callId, call.finished?.ok])).toEqual([
      ['c1', true],
      ['c2', undefined],
    ]);
    expect(hub.subscribe('m1')).toBeDefined();
    hub.close();
  });

  it('takes text, citations and usage from the finished event, and marks a cached answer as such', () => {
    const hub = new ChatStreamHub();
    const finished = new TurnTranscript(hub, 'm1');
    finished.delta({ type: 'text-delta', text: 'partial' });
    finished.finished({
      type: 'finished',
      text: 'Whole.',
      citations: [],
      usage: { inputTokens: 1, outputTokens: 1 },
      finishReason: 'stop',
      toolRounds: 0,
    });
    expect(finished.toFinishedTurn(completed, [])).toMatchObject({
      content: 'Whole.',
      inputTokens: 1,
      outputTokens: 1,
      model: null,
      provider: null,
    });

    const cached = new TurnTranscript(hub, 'm2');
    cached.served({ text: 'From the cache.', citations: [], question: 'Soup?', similarity: 0.97 });
    expect(cached.toFinishedTurn(completed, [])).toMatchObject({
      content: 'From the cache.',
      inputTokens: 0,
      outputTokens: 0,
      model: null,
      provider: 'semantic-cache',
    });
  });
});

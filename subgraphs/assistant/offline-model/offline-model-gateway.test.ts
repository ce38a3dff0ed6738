import { describe, expect, it } from 'vitest';
import { runTurn, type TurnEvent } from '../chat/run-turn.js';
import type { ChatMessage } from '../../../platform/model-gateway/language-model.js';
import type { ModelCallRecord } from '../../../platform/model-gateway/call-record.js';
import { createModelGateway } from '../../../platform/model-gateway/model-gateway.js';
import { toolContextFor } from '../../../test/fakes/fake-supergraph.js';
import { fakeGateway, system, tools } from '../../../test/fakes/offline-model-turns.js';
import { createOfflineModel, offlineModelId, splitIntoParts } from './offline-model.js';

describe('offline model behind the model gateway', () => {
  it('runs a tool turn through the gateway like any provider, with call records and summed usage', async () => {
    const records: ModelCallRecord[] = [];
    const model = createModelGateway({ providers: [createOfflineModel()], onCallRecord: (record) => records.push(record) });
    const gateway = fakeGateway();
    const messages: ChatMessage[] = [system, { role: 'user', content: 'Show me the menu' }];
    const events: TurnEvent[] = [];
    for await (const event of runTurn({ model, messages, tools, toolContext: toolContextFor(gateway.fetch, {}, messages) }))
      events.push(event);
    const finished = events.at(-1);
    expect(finished).toMatchObject({ type: 'finished', finishReason: 'stop', toolRounds: 1 });
    expect(finished?.type === 'finished' && finished.text).toContain('- Margherita: 10.50 EUR (vegetarian)');
    expect(records.map((record) => [record.provider, record.model, record.outcome])).toEqual([
      ['offline', offlineModelId, 'success'],
      ['offline', offlineModelId, 'success'],
    ]);
    const usage = finished?.type === 'finished' ? finished.usage : undefined;
    expect(usage?.outputTokens).toBe(records.reduce((sum, record) => sum + (record.usage?.outputTokens ?? 0), 0));
    expect(usage?.inputTokens).toBe(records.reduce((sum, record) => sum + (record.usage?.inputTokens ?? 0), 0));
  });
});

describe('splitIntoParts', () => {
  it('keeps the exact text, a few words per part', () => {
    const text = 'Here is what I found:\n- Cola: 2.50 EUR\n\nDone.';
    const parts = splitIntoParts(text, 3);
    expect(parts.join('')).toBe(text);
    expect(parts[0]).toBe('Here is what ');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { ChatMessage } from '../../../platform/model-gateway/language-model.js';
import { ModelError } from '../../../platform/model-gateway/model-error.js';
import { defineTool, ToolRegistry } from '../tools/tool-registry.js';
import { runTurn, type TurnEvent } from './run-turn.js';
import { ScriptedModel, textCall, toolCallsCall, usage } from '../../../test/fakes/scripted-model.js';

interface Ctx {
  tenant: string;
}

const lookup = vi.fn((args: { query: string }, context: Ctx) => ({ found: `${args.query} for ${context.tenant}` }));

const lookupTool = defineTool({
  name: 'lookup',
  description: 'Looks something up.',
  parameters: z.object({ query: z.string().min(1) }),
  timeoutMs: 1000,
  execute: (args, context: Ctx) => lookup(args, context),
});

const searchTool = defineTool({
  name: 'search_knowledge_base',
  description: 'Searches policies.',
  parameters: z.object({ query: z.string() }),
  timeoutMs: 1000,
  execute: (args) => ({
    passages: `quoted ${args.query}`,
    citations: [
      { documentId: 'd1', chunkId: 'c1', title: 'Refunds' },
      { documentId: 'd2', chunkId: `c-${args.query}`, title: 'Allergens' },
    ],
  }),
});

const registry = () => new ToolRegistry<Ctx>([lookupTool, searchTool]);
const userMessages: ChatMessage[] = [
  { role: 'system', content: 'You are helpful.' },
  { role: 'user', content: 'Hi' },
];

async function drain(events: AsyncIterable<TurnEvent>): Promise<TurnEvent[]> {
  const seen: TurnEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

function finishedOf(events: TurnEvent[]) {
  const last = events.at(-1);
  if (last?.type !== 'finished') throw new Error(`last event is ${last?.type}`);
  return last;
}

describe('runTurn', () => {
  it('streams a plain answer without calling tools', async () => {
    const model = new ScriptedModel([textCall('Hello there friend', usage(12, 3))]);
    const events = await drain(runTurn({ model, messages: userMessages, tools: registry(), toolContext: { tenant: 't' } }));
    expect(events.filter((e) => e.type === 'text-delta').map((e) => e.text)).toEqual(['Hello ', 'there ', 'friend']);
    expect(finishedOf(events)).toEqual({
      type: 'finished',
      text: 'Hello there friend',
      citations: [],
      usage: usage(12, 3),
      finishReason: 'stop',
      toolRounds: 0,
    });
    expect(model.requests[0]!.tools?.map((t) => t.name)).toEqual(['lookup', 'search_knowledge_base']);
  });

  it('executes tool calls, sends results back as tool messages and sums usage over all calls', async () => {
    lookup.mockClear();
    const model = new ScriptedModel([
      toolCallsCall([{ id: 'a', name: 'lookup', args: { query: 'pizza' } }], usage(100, 10), 'Let me check. '),
      textCall('Found pizza.', usage(150, 20)),
    ]);
    const events = await drain(
      runTurn({ model, messages: userMessages, tools: registry(), toolContext: { tenant: 'demo' }, temperature: 0.2, maxTokens: 300 }),
    );

    expect(events.map((e) => e.type)).toEqual([
      'text-delta',
      'tool-call-started',
      'tool-call-finished',
      'text-delta',
      'text-delta',
      'finished',
    ]);
    expect(events[1]).toEqual({ type: 'tool-call-started', callId: 'a', name: 'lookup', argumentsJson: '{"query":"pizza"}', round: 1 });
    expect(events[2]).toMatchObject({
      type: 'tool-call-finished',
      callId: 'a',
      ok: true,
      resultJson: '{"found":"pizza for demo"}',
      errorCode: null,
    });
    expect(lookup).toHaveBeenCalledTimes(1);

    const second = model.requests[1]!;
    expect(second.temperature).toBe(0.2);
    expect(second.maxTokens).toBe(300);
    expect(second.messages.slice(2)).toEqual([
      {
        role: 'assistant',
        content: 'Let me check. ',
        toolCalls: [{ type: 'tool-call', id: 'a', name: 'lookup', argumentsJson: '{"query":"pizza"}' }],
      },
      { role: 'tool', toolCallId: 'a', content: '{"found":"pizza for demo"}' },
    ]);
    const finished = finishedOf(events);
    expect(finished.usage).toEqual(usage(250, 30));
    expect(finished.text).toBe('Let me check. Found pizza.');
    expect(finished.toolRounds).toBe(1);
    expect(finished.finishReason).toBe('stop');
  });

  it('never executes a call with invalid arguments and returns the validation error to the model', async () => {
    lookup.mockClear();
    const model = new ScriptedModel([
      toolCallsCall([
        { id: 'bad', name: 'lookup', args: { query: '' } },
        { id: 'broken', name: 'lookup', args: '{not json' },
      ]),
      textCall('Sorry.'),
    ]);
    const events = await drain(runTurn({ model, messages: userMessages, tools: registry(), toolContext: { tenant: 't' } }));
    expect(lookup).not.toHaveBeenCalled();
    const finishedCalls = events.filter((e) => e.type === 'tool-call-finished');
    expect(finishedCalls.map((e) => [e.callId, e.ok, e.errorCode])).toEqual([
      ['bad', false, 'INVALID_ARGUMENTS'],
      ['broken', false, 'INVALID_ARGUMENTS'],
    ]);
    const toolMessages = model.requests[1]!.messages.filter((m) => m.role === 'tool');
    expect(toolMessages).toHaveLength(2);
    expect(JSON.parse(toolMessages[0]!.content)).toMatchObject({ error: { code: 'INVALID_ARGUMENTS', issues: [{ path: 'query' }] } });
  });

  it('stops offering tools after 5 rounds and asks once more for an answer without tools', async () => {
    const looping = Array.from({ length: 5 }, (_, i) =>
      toolCallsCall([{ id: `c${i}`, name: 'lookup', args: { query: `q${i}` } }], usage(1, 1)),
    );
    const model = new ScriptedModel([...looping, textCall('Giving up on tools.', usage(1, 1))]);
    const events = await drain(runTurn({ model, messages: userMessages, tools: registry(), toolContext: { tenant: 't' } }));

    expect(model.requests).toHaveLength(6);
    expect(model.requests.slice(0, 5).every((r) => r.tools?.length === 2)).toBe(true);
    expect(model.requests[5]!.tools).toBeUndefined();
    expect(events.filter((e) => e.type === 'tool-call-started').map((e) => e.round)).toEqual([1, 2, 3, 4, 5]);
    const finished = finishedOf(events);
    expect(finished.finishReason).toBe('tool-round-limit');
    expect(finished.toolRounds).toBe(5);
    expect(finished.usage).toEqual(usage(6, 6));
    expect(finished.text).toBe('Giving up on tools.');
  });

  it('ignores tool calls the model makes after the limit instead of executing them', async () => {
    lookup.mockClear();
    const model = new ScriptedModel([
      toolCallsCall([{ id: 'one', name: 'lookup', args: { query: 'a' } }]),
      toolCallsCall([{ id: 'two', name: 'lookup', args: { query: 'b' } }]),
    ]);
    const events = await drain(
      runTurn({ model, messages: userMessages, tools: registry(), toolContext: { tenant: 't' }, maxToolRounds: 1 }),
    );
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(finishedOf(events)).toMatchObject({ finishReason: 'tool-round-limit', toolRounds: 1 });
  });

  it('collects citations from tool results once per chunk', async () => {
    const model = new ScriptedModel([
      toolCallsCall([{ id: 's1', name: 'search_knowledge_base', args: { query: 'refund' } }]),
      toolCallsCall([{ id: 's2', name: 'search_knowledge_base', args: { query: 'nuts' } }]),
      textCall('Refunds within 30 days [1].'),
    ]);
    const events = await drain(runTurn({ model, messages: userMessages, tools: registry(), toolContext: { tenant: 't' } }));
    expect(finishedOf(events).citations).toEqual([
      { documentId: 'd1', chunkId: 'c1', title: 'Refunds' },
      { documentId: 'd2', chunkId: 'c-refund', title: 'Allergens' },
      { documentId: 'd2', chunkId: 'c-nuts', title: 'Allergens' },
    ]);
  });

  it('ends an interrupted stream with finishReason interrupted and keeps the partial text', async () => {
    const interrupted = new ModelError('stream broke', { kind: 'interrupted', isRetryable: false, provider: 'scripted' });
    const model = new ScriptedModel([
      toolCallsCall([{ id: 'a', name: 'lookup', args: { query: 'x' } }], usage(5, 5)),
      { parts: [{ type: 'text-delta', text: 'The answer is ' }], failWith: interrupted },
    ]);
    const events = await drain(runTurn({ model, messages: userMessages, tools: registry(), toolContext: { tenant: 't' } }));
    expect(finishedOf(events)).toEqual({
      type: 'finished',
      text: 'The answer is ',
      citations: [],
      usage: usage(5, 5),
      finishReason: 'interrupted',
      toolRounds: 1,
    });
  });

  it('rethrows other model errors', async () => {
    const failure = new ModelError('down', { kind: 'server', isRetryable: true });
    const model = new ScriptedModel([{ parts: [], failWith: failure }]);
    await expect(drain(runTurn({ model, messages: userMessages, tools: registry(), toolContext: { tenant: 't' } }))).rejects.toBe(failure);
  });

  it('rethrows the abort error when the caller aborts', async () => {
    const controller = new AbortController();
    const model = new ScriptedModel([textCall('one two three four')]);
    const seen: TurnEvent[] = [];
    const run = async () => {
      for await (const event of runTurn({
        model,
        messages: userMessages,
        tools: registry(),
        toolContext: { tenant: 't' },
        signal: controller.signal,
      })) {
        seen.push(event);
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'ModelError', kind: 'aborted' });
    expect(seen).toEqual([{ type: 'text-delta', text: 'one ' }]);
  });

  it('reports length and content-filter finishes', async () => {
    const model = new ScriptedModel([
      {
        parts: [
          { type: 'text-delta', text: 'cut' },
          { type: 'finish', reason: 'length', usage: undefined },
        ],
      },
    ]);
    const events = await drain(runTurn({ model, messages: userMessages, tools: registry(), toolContext: { tenant: 't' } }));
    expect(finishedOf(events)).toMatchObject({ finishReason: 'length', usage: usage(0, 0) });
  });
});

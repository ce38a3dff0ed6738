import { describe, expect, it, vi } from 'vitest';
import { ChatStreamHub, type ChatStreamEvent } from './chat-stream-hub.js';

const completed = { kind: 'completed', message: { id: 'm1' }, toolCalls: [], citations: [] } as unknown as ChatStreamEvent;

async function drain(iterator: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of iterator) events.push(event);
  return events;
}

describe('ChatStreamHub', () => {
  it('replays from the first event to subscribers that join late, and ends every subscriber after completed', async () => {
    const hub = new ChatStreamHub();
    hub.open('m1', 'demo:alice');
    const early = hub.subscribe('m1')!;
    const first = early.next();
    hub.push('m1', { kind: 'delta', text: 'Hel' });
    // A reader that keeps up gets each delta as produced.
    expect(await first).toEqual({ value: { kind: 'delta', text: 'Hel' }, done: false });
    const late = hub.subscribe('m1')!;
    hub.push('m1', { kind: 'delta', text: 'lo' });
    hub.push('m1', { kind: 'tool-started', callId: 'c1', name: 'retrieve_menu', argumentsJson: '{}', round: 1 });
    hub.push('m1', { kind: 'delta', text: ' wor' });
    hub.push('m1', { kind: 'delta', text: 'ld' });
    hub.push('m1', completed);
    hub.push('m1', { kind: 'delta', text: 'ignored after completion' });
    const toolStarted = { kind: 'tool-started', callId: 'c1', name: 'retrieve_menu', argumentsJson: '{}', round: 1 };
    expect(await drain(early)).toEqual([{ kind: 'delta', text: 'lo' }, toolStarted, { kind: 'delta', text: ' world' }, completed]);
    // A late reader replays from the first event, waiting deltas merged but never across other events.
    const replay = [{ kind: 'delta', text: 'Hello' }, toolStarted, { kind: 'delta', text: ' world' }, completed];
    expect(await drain(late)).toEqual(replay);
    expect(await drain(hub.subscribe('m1')!)).toEqual(replay);
    hub.close();
  });

  it('forgets a finished stream after keepFinishedMs, and knows nothing of unopened ones', () => {
    vi.useFakeTimers();
    try {
      const hub = new ChatStreamHub({ keepFinishedMs: 1_000 });
      expect(hub.subscribe('nope')).toBeUndefined();
      hub.open('m1', 'demo:alice');
      hub.push('m1', completed);
      vi.advanceTimersByTime(999);
      expect(hub.has('m1')).toBe(true);
      vi.advanceTimersByTime(1);
      expect(hub.has('m1')).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets a subscriber leave while it waits for the next event', async () => {
    const hub = new ChatStreamHub();
    hub.open('m1', 'demo:alice');
    const iterator = hub.subscribe('m1')!;
    const pending = iterator.next();
    await iterator.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    hub.close();
  });

  it('with deltaFlushMs, publishes the first delta at once and holds the following ones until the window closes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const hub = new ChatStreamHub({ deltaFlushMs: 25 });
      hub.open('m1', 'demo:alice');
      const reader = hub.subscribe('m1')!;
      hub.push('m1', { kind: 'delta', text: 'One' });
      expect(await reader.next()).toEqual({ value: { kind: 'delta', text: 'One' }, done: false });
      vi.advanceTimersByTime(10);
      hub.push('m1', { kind: 'delta', text: ' two' });
      vi.advanceTimersByTime(10);
      hub.push('m1', { kind: 'delta', text: ' three' });
      const next = reader.next();
      let published = false;
      void next.then(() => (published = true));
      await vi.advanceTimersByTimeAsync(4);
      expect(published).toBe(false);
      // 25 ms after the first one went out, the held text goes out as one delta.
      await vi.advanceTimersByTimeAsync(1);
      expect(await next).toEqual({ value: { kind: 'delta', text: ' two three' }, done: false });

      // After a quiet window a delta goes out at once again; one held when a non-delta event arrives goes out first.
      vi.advanceTimersByTime(100);
      hub.push('m1', { kind: 'delta', text: ' four' });
      hub.push('m1', { kind: 'delta', text: ' five' });
      // (read before completed arrives, so the reader's own merging of waiting deltas does not come into it)
      const live = reader.next();
      expect(await live).toEqual({ value: { kind: 'delta', text: ' four' }, done: false });
      hub.push('m1', completed);
      expect(await drain(reader)).toEqual([{ kind: 'delta', text: ' five' }, completed]);
      hub.close();
    } finally {
      vi.useRealTimers();
    }
  });
});

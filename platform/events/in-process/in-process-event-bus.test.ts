import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import { InProcessEventBus } from './in-process-event-bus.js';

// Behaviour specific to the embedded transport; the shared contract is in event-bus.conformance.ts.
const logger = createLogger({ level: 'silent', service: 'event-bus-test' });

describe('InProcessEventBus', () => {
  it("retains only the newest events per stream, so startFrom '0' replays what is left", async () => {
    const bus = new InProcessEventBus({ logger, maxRetainedPerStream: 3 });
    for (let i = 0; i < 5; i += 1) await bus.publish('s', { type: 'test.n', tenantId: 't', payload: i });
    const seen: unknown[] = [];
    await bus.consume('s', 'g', async (event) => void seen.push(event.payload), { startFrom: '0' });
    await expect.poll(() => seen).toEqual([2, 3, 4]);
    await bus.close();
  });

  it('does not call handlers inside publish()', async () => {
    const bus = new InProcessEventBus({ logger });
    let handled = 0;
    await bus.consume('s', 'g', async () => void (handled += 1));
    const publishing = bus.publish('s', { type: 'test.n', tenantId: 't', payload: null });
    expect(handled).toBe(0);
    await publishing;
    await expect.poll(() => handled).toBe(1);
    await bus.close();
  });
});

import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATION_TIMINGS_STREAM, type OperationTimingPayload } from '../platform/events/contracts/operation-timing-event.js';
import type { BusEvent } from '../platform/events/event-bus.js';
import { InProcessEventBus } from '../platform/events/in-process/in-process-event-bus.js';
import { OperationTimings } from './operation-timings.js';

const logger = pino({ level: 'silent' });
let bus: InProcessEventBus;

afterEach(() => bus?.close());

describe('OperationTimings', () => {
  it('publishes one event per tenant and window with per-operation sums, max and histogram, and starts a new window', async () => {
    bus = new InProcessEventBus({ logger });
    const events: BusEvent<OperationTimingPayload>[] = [];
    const consumer = await bus.consume(OPERATION_TIMINGS_STREAM, 'test', async (event) => void events.push(event as never), {
      startFrom: '0',
    });
    const timings = new OperationTimings(bus, logger, 3_600_000);
    timings.record('tenant-a', 'Menu', 3, false);
    timings.record('tenant-a', 'Menu', 70, true);
    timings.record('tenant-a', 'Menu', 20_000, false);
    timings.record('tenant-b', 'Orders', 30, false);
    await timings.flush();
    await timings.flush(); // an empty window publishes nothing
    await expect.poll(() => events.length).toBe(2);
    const a = events.find((event) => event.tenantId === 'tenant-a')!.payload;
    expect(a.operations).toEqual([
      { operationName: 'Menu', calls: 3, errors: 1, totalMs: 20_073, maxMs: 20_000, histogram: [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1] },
    ]);
    expect(events.find((event) => event.tenantId === 'tenant-b')!.payload.operations[0]).toMatchObject({
      operationName: 'Orders',
      calls: 1,
    });
    await timings.close();
    await consumer.stop();
    expect(events).toHaveLength(2);
  });
});

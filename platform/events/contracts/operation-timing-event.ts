import { z } from 'zod';
import type { BusEvent, EventPublisher } from '../event-bus.js';

/** The stream the gateway reports operation durations on; the observability subgraph consumes it. */
export const OPERATION_TIMINGS_STREAM = 'operation-timings';
export const OPERATION_TIMINGS_EVENT_TYPE = 'OPERATION_TIMINGS';

/**
 * Upper bounds (ms) of the duration histogram every window carries; the last bucket is everything above 10 s. Fixed,
 * so windows add up bucket by bucket and percentiles over any range come from the sum.
 */
export const OPERATION_DURATION_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000] as const;

const count = z.number().int().min(0).max(2_147_483_647);

/**
 * operation_timing_v1: one tenant's operations through the gateway in one window (a minute), aggregated per operation
 * name, so the bus carries one event per tenant and minute instead of one per request.
 */
export const operationTimingPayloadSchema = z.object({
  schema: z.literal('operation_timing_v1'),
  windowStart: z.iso.datetime({ offset: true }),
  windowSeconds: z.number().int().positive().max(3_600),
  operations: z
    .array(
      z.object({
        operationName: z.string().min(1).max(200),
        calls: count.min(1),
        errors: count,
        totalMs: count,
        maxMs: count,
        /** Calls per bucket of OPERATION_DURATION_BOUNDS_MS, plus one bucket above the last bound. */
        histogram: z.array(count).length(OPERATION_DURATION_BOUNDS_MS.length + 1),
      }),
    )
    .min(1)
    .max(1_000),
});

export type OperationTimingPayload = z.infer<typeof operationTimingPayloadSchema>;
export type OperationTimingInput = Omit<OperationTimingPayload, 'schema'>;

export async function publishOperationTimings(
  bus: EventPublisher,
  tenantId: string,
  input: OperationTimingInput,
): Promise<BusEvent<OperationTimingPayload>> {
  const payload = operationTimingPayloadSchema.parse({ ...input, schema: 'operation_timing_v1' });
  return bus.publish(OPERATION_TIMINGS_STREAM, { type: OPERATION_TIMINGS_EVENT_TYPE, tenantId, payload, occurredAt: payload.windowStart });
}

/** The histogram bucket of one duration. */
export function durationBucket(durationMs: number): number {
  const index = OPERATION_DURATION_BOUNDS_MS.findIndex((bound) => durationMs <= bound);
  return index === -1 ? OPERATION_DURATION_BOUNDS_MS.length : index;
}

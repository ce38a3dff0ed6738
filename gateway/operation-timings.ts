import type { ApolloServerPlugin } from '@apollo/server';
import type { EventPublisher } from '../platform/events/event-bus.js';
import {
  durationBucket,
  OPERATION_DURATION_BOUNDS_MS,
  publishOperationTimings,
  type OperationTimingInput,
} from '../platform/events/contracts/operation-timing-event.js';
import type { Logger } from '../platform/logger.js';
import type { RequestContext } from '../platform/request-context.js';

type Window = Map<string, OperationTimingInput['operations'][number]>;

/**
 * Sums the durations of authenticated operations per tenant and operation name in memory and publishes one
 * operation_timing_v1 event per tenant and window: the observability subgraph answers slowestOperations from them
 * (it has no access to this process). Anonymous operations have no tenant to report to and are not counted.
 */
export class OperationTimings {
  private windows = new Map<string, Window>();
  private windowStart = new Date();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly bus: EventPublisher,
    private readonly logger: Logger,
    private readonly windowMs = 60_000,
  ) {
    this.timer = setInterval(() => void this.flush(), windowMs).unref();
  }

  record(tenantId: string, operationName: string, durationMs: number, failed: boolean): void {
    let window = this.windows.get(tenantId);
    if (!window) this.windows.set(tenantId, (window = new Map()));
    let entry = window.get(operationName);
    if (!entry) {
      entry = {
        operationName,
        calls: 0,
        errors: 0,
        totalMs: 0,
        maxMs: 0,
        histogram: new Array(OPERATION_DURATION_BOUNDS_MS.length + 1).fill(0),
      };
      window.set(operationName, entry);
    }
    const ms = Math.round(durationMs);
    entry.calls += 1;
    entry.errors += failed ? 1 : 0;
    entry.totalMs += ms;
    entry.maxMs = Math.max(entry.maxMs, ms);
    entry.histogram[durationBucket(ms)]! += 1;
  }

  /** Publishes the current window (tests call it instead of waiting a minute); a failed publish is logged, not retried. */
  flush(): Promise<void> {
    const windows = this.windows;
    const windowStart = this.windowStart;
    const ended = new Date();
    this.windows = new Map();
    this.windowStart = ended;
    const windowSeconds = Math.max(1, Math.round((ended.getTime() - windowStart.getTime()) / 1_000));
    this.flushing = this.flushing.then(async () => {
      for (const [tenantId, window] of windows) {
        const operations = [...window.values()].slice(0, 1_000);
        await publishOperationTimings(this.bus, tenantId, { windowStart: windowStart.toISOString(), windowSeconds, operations }).catch(
          (error: unknown) => this.logger.warn({ err: error, tenantId }, 'publishing operation timings failed'),
        );
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  plugin(): ApolloServerPlugin<RequestContext> {
    return {
      requestDidStart: async ({ contextValue }) => {
        const started = performance.now();
        return {
          willSendResponse: async ({ operationName, errors }) => {
            const tenantId = contextValue.principal?.tenantId;
            if (tenantId)
              this.record(tenantId, operationName ?? '(anonymous operation)', performance.now() - started, (errors?.length ?? 0) > 0);
          },
        };
      },
    };
  }
}

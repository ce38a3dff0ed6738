import type { Logger } from '../../logger.js';
import { busMetrics } from '../bus-metrics.js';
import type { BusEvent, ConsumerHandle } from '../event-bus.js';
import { describeHandlerFailure } from '../handler-failure.js';
import type { Delivery, InProcessConsumerGroup } from './consumer-group.js';
import type { InProcessDeadLetters } from './dead-letters.js';
import { decideAfterFailure, type RetryPolicy } from '../retry-policy.js';
import { ThrottledRefresh } from '../throttled-refresh.js';

const LAG_REFRESH_MS = 1000;

export interface InProcessConsumerOptions {
  stream: string;
  group: string;
  consumer: string;
  retry: RetryPolicy;
  deadLetters: InProcessDeadLetters;
  logger: Logger;
}

/** One competing consumer: handles one event at a time, acknowledging on success and retrying or dead-lettering on failure. */
export class InProcessConsumer implements ConsumerHandle {
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  private readonly loop: Promise<void>;
  private readonly labels: { stream: string; group: string };
  private publishedLag = 0;
  private readonly lagRefresh: ThrottledRefresh;

  constructor(
    private readonly group: InProcessConsumerGroup,
    private readonly handler: (event: BusEvent) => Promise<void>,
    private readonly options: InProcessConsumerOptions,
  ) {
    this.labels = { stream: options.stream, group: options.group };
    this.lagRefresh = new ThrottledRefresh(
      LAG_REFRESH_MS,
      () => {
        this.publishedLag = this.group.lag;
        busMetrics().lag.set(this.labels, this.publishedLag);
      },
      () => undefined,
    );
    // Both gauges exist from the consumer's start (as with Redis, whose consumers refresh them): 0 is data, absence is not.
    busMetrics().lag.set(this.labels, this.group.lag);
    busMetrics().deadLetters.set(this.labels, options.deadLetters.count);
    this.loop = this.run();
  }

  /** Resolves once the handler that is running (if any) has settled and been acknowledged. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    // Handlers must never run inside the caller's `consume()` or `publish()` stack.
    await Promise.resolve();
    while (!this.stopped) {
      await this.lagRefresh.maybeRun();
      const delivery = this.group.claim(Date.now());
      if (!delivery) {
        await this.waitForWork();
        continue;
      }
      await this.handle(delivery);
    }
  }

  private async handle(delivery: Delivery): Promise<void> {
    const metrics = busMetrics();
    try {
      await this.handler(delivery.event);
    } catch (err) {
      const { stream, group, consumer, retry, deadLetters, logger } = this.options;
      const log = { err, stream, group, consumer, eventId: delivery.event.eventId, attempt: delivery.attempts };
      const decision = decideAfterFailure(delivery.attempts, retry);
      if (decision.kind === 'retry') {
        logger.warn({ ...log, retryInMs: decision.delayMs }, 'event handler failed; will retry');
        this.group.release(delivery, Date.now() + decision.delayMs);
        metrics.handled.inc({ ...this.labels, outcome: 'retry' });
        return;
      }
      logger.error(log, 'event handler failed for the last time; moved the event to the dead letters');
      this.group.ack(delivery);
      deadLetters.add(delivery.event, delivery.attempts, describeHandlerFailure(err));
      metrics.handled.inc({ ...this.labels, outcome: 'dead' });
      metrics.deadLetters.set(this.labels, deadLetters.count);
      return;
    }
    this.group.ack(delivery);
    metrics.handled.inc({ ...this.labels, outcome: 'ok' });
  }

  /**
   * Sleeps until something is published, a retry becomes due, or stop() is called. An idle group has no lag, so when
   * the gauge still shows a backlog, also wake up when the throttle lets it be refreshed.
   */
  private waitForWork(): Promise<void> {
    return new Promise((resolve) => {
      // stop() may have run while the loop awaited something else, finding no sleep to cut short.
      if (this.stopped) return resolve();
      const now = Date.now();
      const retryIn = this.group.nextRetryIn(now);
      const lagIn = this.publishedLag > 0 ? this.lagRefresh.dueIn(now) : undefined;
      const wakeIn = retryIn === undefined ? lagIn : lagIn === undefined ? retryIn : Math.min(retryIn, lagIn);
      const timer = wakeIn === undefined ? undefined : setTimeout(() => finish(), wakeIn);
      const unregister = this.group.onWork(() => finish());
      const finish = () => {
        clearTimeout(timer);
        unregister();
        this.wakeUp = undefined;
        resolve();
      };
      this.wakeUp = finish;
    });
  }
}

import type { BusEvent, ConsumerHandle } from './event-bus.js';
import type { InProcessConsumerGroup } from './in-process-consumer-group.js';
import type { Logger } from '../logger.js';

export interface InProcessConsumerOptions {
  stream: string;
  group: string;
  consumer: string;
  redeliverAfterMs: number;
  logger: Logger;
}

/** One competing consumer: handles one event at a time, acknowledging on success and scheduling a retry on failure. */
export class InProcessConsumer implements ConsumerHandle {
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly group: InProcessConsumerGroup,
    private readonly handler: (event: BusEvent) => Promise<void>,
    private readonly options: InProcessConsumerOptions,
  ) {
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
      const delivery = this.group.claim(Date.now());
      if (!delivery) {
        await this.waitForWork();
        continue;
      }
      try {
        await this.handler(delivery.event);
        this.group.ack(delivery);
      } catch (err) {
        const { stream, group, consumer, redeliverAfterMs } = this.options;
        this.options.logger.warn({ err, stream, group, consumer, eventId: delivery.event.eventId }, 'event handler failed; will redeliver');
        this.group.release(delivery, Date.now() + redeliverAfterMs);
      }
    }
  }

  /** Sleeps until something is published, a retry becomes due, or stop() is called. */
  private waitForWork(): Promise<void> {
    return new Promise((resolve) => {
      const retryIn = this.group.nextRetryIn(Date.now());
      const timer = retryIn === undefined ? undefined : setTimeout(() => finish(), retryIn);
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

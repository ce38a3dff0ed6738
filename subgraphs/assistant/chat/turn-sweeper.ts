import type { Logger } from '../../../platform/logger.js';
import type { Owner } from '../conversations/owner.js';
import type { MessageRepository } from './message-repository.js';

export interface TurnSweepOptions {
  /** How often every replica looks for dead turns. @default 15_000 */
  everyMs: number;
  /** Messages read per statement; a sweep reads batches until one comes back short. @default 100 */
  batchSize?: number;
}

export const DEFAULT_TURN_SWEEP: TurnSweepOptions = { everyMs: 15_000 };

export interface TurnSweeperOptions extends TurnSweepOptions {
  messages: MessageRepository;
  /** Fails one message if its lease lapsed and tells its subscribers (TurnRelay.interruptLapsed); true when it did. */
  interrupt: (owner: Owner, messageId: string) => Promise<boolean>;
  /** A message never leased counts as dead once it is older than this (no turn lasts longer). */
  turnTimeoutMs: number;
  logger: Logger;
}

/**
 * Fails the turns whose replica died that nobody looks at. A follower (for a subscriber) or the conversation's next
 * message fails a dead turn as soon as it sees one; without either, its message would stay open in the database for
 * ever. Every replica sweeps: each message is failed with the same conditional statement as the others use, so of all
 * replicas (and followers) exactly one wins, and a turn whose replica still renews its lease is never listed.
 */
export class TurnSweeper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(private readonly options: TurnSweeperOptions) {}

  /** Sweeps every `everyMs`; the timer does not keep the process alive. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      // A sweep still running (a slow database) is not doubled up: this tick is skipped.
      this.sweeping ??= this.sweep()
        .catch((err: unknown) => {
          this.options.logger.warn({ err }, 'sweeping dead chat turns failed');
          return 0;
        })
        .finally(() => (this.sweeping = undefined));
    }, this.options.everyMs);
    this.timer.unref();
  }

  /**
   * One sweep: lists dead turns across tenants in batches and fails each through the owner-scoped write. Returns how
   * many this call failed (another replica may have failed some of those it listed first). A listed message is either
   * failed by someone or had its lease renewed meanwhile, so it is not listed again; a full batch of which this call
   * failed none (others are sweeping the same backlog) leaves the rest to the next tick.
   */
  async sweep(): Promise<number> {
    const { messages, interrupt, turnTimeoutMs, batchSize = 100 } = this.options;
    let interrupted = 0;
    for (;;) {
      const expired = await messages.listExpiredOpen(batchSize, new Date(Date.now() - turnTimeoutMs));
      let failedHere = 0;
      for (const { owner, messageId } of expired) if (await interrupt(owner, messageId)) failedHere++;
      interrupted += failedHere;
      if (expired.length < batchSize || failedHere === 0) return interrupted;
    }
  }

  /** Stops the timer and waits for a sweep under way, so it does not outlive the database. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }
}

import type { Logger } from '../../../platform/logger.js';
import type { Owner } from '../conversations/owner.js';
import type { MessageRepository } from './message-repository.js';

export interface TurnLeaseOptions {
  /** How long a turn is vouched for without renewal; past it, any replica may fail it as TURN_INTERRUPTED. @default 30_000 */
  ttlMs: number;
  /** How often the replica running a turn renews its lease; well under `ttlMs`. @default 10_000 */
  renewEveryMs: number;
}

export const DEFAULT_TURN_LEASE: TurnLeaseOptions = { ttlMs: 30_000, renewEveryMs: 10_000 };

export const leaseUntil = (lease: TurnLeaseOptions, from = Date.now()) => new Date(from + lease.ttlMs);

/**
 * Renews a running turn's lease until stopped. The first lease is written with the turn itself (sendMessage's insert),
 * so a turn shorter than `renewEveryMs`, the usual case, costs no extra statement. A failed renewal is logged and
 * retried at the next tick: the lease outlives a couple of missed ones. A renewal that finds the message closed means
 * another replica closed it (cancelMessage reached it, or it declared the turn interrupted): the turn stops, and its
 * outcome, written only to an open message, changes nothing.
 */
export function keepTurnLeased(
  messages: MessageRepository,
  owner: Owner,
  messageId: string,
  lease: TurnLeaseOptions,
  logger: Logger,
  /** The message was closed by someone else (cancelled on another replica, or declared interrupted): stop the turn. */
  onClosedElsewhere: () => void,
): { stop(): void } {
  const timer = setInterval(() => {
    messages.renewLease(owner, messageId, leaseUntil(lease)).then(
      (open) => {
        if (open) return;
        clearInterval(timer);
        onClosedElsewhere();
      },
      (err: unknown) => logger.warn({ err, messageId }, 'renewing the turn lease failed'),
    );
  }, lease.renewEveryMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

import type { Counter } from 'prom-client';
import { counter } from '../../../platform/metrics/metrics.js';

/** Who noticed that a turn's replica died: a replica following it for a subscriber, the next message, or the sweeper. */
export type InterruptionNoticedBy = 'follower' | 'next_message' | 'sweeper';

let interrupted: Counter<'noticed_by'> | undefined;

/** Created on first use rather than at import, so importing the relay registers nothing. */
export function turnInterruptionCounter(): Counter<'noticed_by'> {
  return (interrupted ??= counter({
    name: 'ragline_assistant_turns_interrupted_total',
    help: 'Chat turns failed as TURN_INTERRUPTED (their replica died mid-answer) by who noticed: follower, next_message, sweeper',
    labelNames: ['noticed_by'],
  }));
}

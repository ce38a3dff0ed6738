import type { BusEvent, DeadLetter } from '../event-bus.js';
import type { HandlerFailure } from '../handler-failure.js';
import { fromStreamEntry, MalformedStreamEntryError, toStreamFields } from './event-fields.js';

export interface DeadLetterDetails {
  group: string;
  attempts: number;
  error: HandlerFailure;
  diedAt: string;
}

/** The event's own fields first, unchanged, so reprocessing can re-publish exactly what was published. */
export function toDeadLetterFields(event: BusEvent, details: DeadLetterDetails): string[] {
  return [
    ...toStreamFields(event),
    'sourceId',
    event.id,
    'group',
    details.group,
    'attempts',
    String(details.attempts),
    'errorName',
    details.error.name,
    'errorMessage',
    details.error.message,
    'diedAt',
    details.diedAt,
  ];
}

export function fromDeadLetterEntry(stream: string, deadLetterStream: string, id: string, fields: string[]): DeadLetter {
  const values = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) values.set(fields[i]!, fields[i + 1]!);
  const field = (name: string) => {
    const value = values.get(name);
    if (value === undefined) throw new MalformedStreamEntryError(deadLetterStream, id, `missing field ${name}`);
    return value;
  };
  return {
    id,
    event: fromStreamEntry(stream, field('sourceId'), fields),
    group: field('group'),
    attempts: Number(field('attempts')),
    error: { name: field('errorName'), message: field('errorMessage') },
    diedAt: field('diedAt'),
  };
}

import type { BusEvent } from '../event-bus.js';
import type { PreparedEvent } from '../prepare-event.js';

/** The flat field list XADD stores; the payload is JSON so any JSON value survives the trip. */
export function toStreamFields(event: PreparedEvent): string[] {
  return [
    'eventId',
    event.eventId,
    'type',
    event.type,
    'tenantId',
    event.tenantId,
    'occurredAt',
    event.occurredAt,
    'payload',
    JSON.stringify(event.payload),
    ...(event.traceparent ? ['traceparent', event.traceparent] : []),
  ];
}

/** Thrown for entries another writer added without our fields; callers log and skip them instead of retrying forever. */
export class MalformedStreamEntryError extends Error {
  constructor(stream: string, id: string, reason: string) {
    super(`stream ${stream} entry ${id} is not a bus event: ${reason}`);
    this.name = 'MalformedStreamEntryError';
  }
}

export function fromStreamEntry(stream: string, id: string, fields: string[]): BusEvent {
  const values = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) values.set(fields[i]!, fields[i + 1]!);
  const field = (name: string) => {
    const value = values.get(name);
    if (value === undefined) throw new MalformedStreamEntryError(stream, id, `missing field ${name}`);
    return value;
  };
  let payload: unknown;
  try {
    payload = JSON.parse(field('payload'));
  } catch (error) {
    if (error instanceof MalformedStreamEntryError) throw error;
    throw new MalformedStreamEntryError(stream, id, 'payload is not JSON');
  }
  return {
    id,
    stream,
    eventId: field('eventId'),
    type: field('type'),
    tenantId: field('tenantId'),
    occurredAt: field('occurredAt'),
    payload,
    ...(values.has('traceparent') ? { traceparent: values.get('traceparent')! } : {}),
  };
}

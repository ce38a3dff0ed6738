import { mapAsyncIterator } from '../async/map-async-iterator.js';
import type { BusEvent, EventBus } from './event-bus.js';

/**
 * Gives every stream of one deployment a prefix, so several deployments (or test runs) can share one Redis without
 * consuming each other's events. Callers keep using plain stream names; events come back with them.
 */
export function withStreamPrefix(bus: EventBus, prefix: string): EventBus {
  if (!prefix) return bus;
  const inner = (stream: string) => `${prefix}${stream}`;
  const outer = <T extends BusEvent>(event: T): T => ({
    ...event,
    stream: event.stream.startsWith(prefix) ? event.stream.slice(prefix.length) : event.stream,
  });
  return {
    kind: bus.kind,
    publish: async (stream, event) => outer(await bus.publish(inner(stream), event)),
    subscribe: (stream) => mapAsyncIterator(bus.subscribe(inner(stream)), outer),
    replay: (stream, options) => mapAsyncIterator(bus.replay(inner(stream), options), outer),
    retained: async (stream, limit) => (await bus.retained(inner(stream), limit)).map(outer),
    expire: (stream, ttlMs) => bus.expire(inner(stream), ttlMs),
    consume: (stream, group, handler, options) => bus.consume(inner(stream), group, (event) => handler(outer(event)), options),
    listDeadLetters: async (stream, group, options) =>
      (await bus.listDeadLetters(inner(stream), group, options)).map((letter) => ({ ...letter, event: outer(letter.event) })),
    reprocessDeadLetter: (stream, group, id) => bus.reprocessDeadLetter(inner(stream), group, id),
    reprocessAllDeadLetters: (stream, group) => bus.reprocessAllDeadLetters(inner(stream), group),
    discardDeadLetter: (stream, group, id) => bus.discardDeadLetter(inner(stream), group, id),
    discardAllDeadLetters: (stream, group) => bus.discardAllDeadLetters(inner(stream), group),
    countDeadLetters: (stream, group) => bus.countDeadLetters(inner(stream), group),
    groupLag: (stream, group) => bus.groupLag(inner(stream), group),
    ping: () => bus.ping(),
    close: () => bus.close(),
  };
}

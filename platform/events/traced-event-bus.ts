import { SpanKind } from '@opentelemetry/api';
import { contextFromTraceparent, currentTraceparent, linkToTraceparent } from '../telemetry/propagation.js';
import { inSpan } from '../telemetry/tracer.js';
import type { EventBus } from './event-bus.js';

/**
 * Carries the trace context across the bus (OpenTelemetry messaging conventions): `publish` runs in a PRODUCER span
 * (a child of the event's own `traceparent` when the caller stored one, as the outbox relay does, else of the active
 * span) and sends that span's `traceparent` with the event; each consumer delivery runs in a CONSUMER span that starts
 * a trace of its own, linked to the producer's (a consumer may run much later, retried, and for several producers).
 * With tracing off nothing is added to events.
 */
export function withTracing(bus: EventBus): EventBus {
  const system = bus.kind === 'redis' ? 'redis' : 'ragline_in_process';
  return {
    kind: bus.kind,
    publish: (stream, event) =>
      inSpan(
        `send ${stream}`,
        {
          kind: SpanKind.PRODUCER,
          ...(event.traceparent ? { parent: contextFromTraceparent(event.traceparent) } : {}),
          attributes: {
            'messaging.system': system,
            'messaging.operation.type': 'send',
            'messaging.destination.name': stream,
            ...(event.eventId ? { 'messaging.message.id': event.eventId } : {}),
          },
        },
        () => {
          const traceparent = currentTraceparent() ?? event.traceparent;
          return bus.publish(stream, traceparent ? { ...event, traceparent } : event);
        },
      ),
    subscribe: (stream) => bus.subscribe(stream),
    replay: (stream, options) => bus.replay(stream, options),
    retained: (stream, limit) => bus.retained(stream, limit),
    expire: (stream, ttlMs) => bus.expire(stream, ttlMs),
    consume: (stream, group, handler, options) =>
      bus.consume(
        stream,
        group,
        (event) => {
          const link = linkToTraceparent(event.traceparent);
          return inSpan(
            `process ${stream}`,
            {
              kind: SpanKind.CONSUMER,
              root: true,
              ...(link ? { links: [link] } : {}),
              attributes: {
                'messaging.system': system,
                'messaging.operation.type': 'process',
                'messaging.destination.name': stream,
                'messaging.consumer.group.name': group,
                'messaging.message.id': event.eventId,
              },
            },
            () => handler(event),
          );
        },
        options,
      ),
    listDeadLetters: (stream, group, options) => bus.listDeadLetters(stream, group, options),
    reprocessDeadLetter: (stream, group, id) => bus.reprocessDeadLetter(stream, group, id),
    reprocessAllDeadLetters: (stream, group) => bus.reprocessAllDeadLetters(stream, group),
    discardDeadLetter: (stream, group, id) => bus.discardDeadLetter(stream, group, id),
    discardAllDeadLetters: (stream, group) => bus.discardAllDeadLetters(stream, group),
    countDeadLetters: (stream, group) => bus.countDeadLetters(stream, group),
    groupLag: (stream, group) => bus.groupLag(stream, group),
    ping: () => bus.ping(),
    close: () => bus.close(),
  };
}

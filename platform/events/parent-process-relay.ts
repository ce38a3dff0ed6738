import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { BusEvent, EventBus, EventPublisher, PublishInput } from './event-bus.js';

interface PublishRequest {
  kind: 'ragline:bus-publish';
  requestId: string;
  stream: string;
  event: PublishInput;
}

type PublishReply = { kind: 'ragline:bus-published'; requestId: string } & ({ event: BusEvent } | { error: string });

const hasKind = <T extends { kind: string }>(message: unknown, kind: T['kind']): message is T =>
  typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === kind;

/**
 * Publishes on the parent process's bus over the IPC channel Node opens for a child spawned with one: `npm start`'s
 * gateway in a process of its own (GATEWAY_PROCESS=own) has no Redis to share with the subgraphs on embedded defaults,
 * and its events must still reach their in-process bus. Undefined when this process has no such channel.
 */
export function parentProcessPublisher(): EventPublisher | undefined {
  if (!process.send || !process.channel) return undefined;
  const pending = new Map<string, { resolve(event: BusEvent): void; reject(error: Error): void }>();
  process.on('message', (message: unknown) => {
    if (!hasKind<PublishReply>(message, 'ragline:bus-published')) return;
    const waiter = pending.get(message.requestId);
    if (!waiter) return;
    pending.delete(message.requestId);
    if ('event' in message) waiter.resolve(message.event);
    else waiter.reject(new Error(`the parent process could not publish: ${message.error}`));
  });
  // A lost parent fails every waiter at once instead of leaving it pending.
  process.once('disconnect', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('the parent process is gone'));
    pending.clear();
  });
  return {
    publish<TPayload>(stream: string, event: PublishInput<TPayload>): Promise<BusEvent<TPayload>> {
      const requestId = randomUUID();
      return new Promise<BusEvent<TPayload>>((resolve, reject) => {
        pending.set(requestId, { resolve: resolve as (event: BusEvent) => void, reject });
        const request: PublishRequest = { kind: 'ragline:bus-publish', requestId, stream, event };
        process.send!(request, undefined, undefined, (error: Error | null) => {
          if (!error) return;
          pending.delete(requestId);
          reject(error);
        });
      });
    },
  };
}

/** The parent's side of `parentProcessPublisher`: publishes what `child` asks for on `bus` and answers with the event. */
export function publishForChild(child: ChildProcess, bus: EventBus, logger: Logger): void {
  child.on('message', (message: unknown) => {
    if (!hasKind<PublishRequest>(message, 'ragline:bus-publish')) return;
    const reply = (outcome: { event: BusEvent } | { error: string }) => {
      if (!child.connected) return;
      child.send({ kind: 'ragline:bus-published', requestId: message.requestId, ...outcome } satisfies PublishReply);
    };
    bus.publish(message.stream, message.event).then(
      (event) => reply({ event }),
      (error: unknown) => {
        logger.warn({ err: error, stream: message.stream }, "publishing a child process's event failed");
        reply({ error: (error as Error).message });
      },
    );
  });
}

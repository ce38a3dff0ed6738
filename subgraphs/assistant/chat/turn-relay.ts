import type { EventBus } from '../../../platform/events/event-bus.js';
import type { Logger } from '../../../platform/logger.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import { OPEN_MESSAGE_STATUSES, type Message } from '../conversations/message.entity.js';
import type { Owner } from '../conversations/owner.js';
import { hubOwnerKey, type ChatStreamEvent, type ChatStreamHub, type ChatStreamMirror } from './chat-stream-hub.js';
import type { MessageRepository } from './message-repository.js';
import { turnInterruptionCounter, type InterruptionNoticedBy } from './turn-interruptions.js';

type CompletedEvent = Extract<ChatStreamEvent, { kind: 'completed' }>;

/** One bus stream per assistant message: its events in order, replayable from the first while the turn is recent. */
export const turnStream = (messageId: string) => `assistant.chat-turn.${messageId}`;

export interface TurnRelayOptions {
  bus: EventBus;
  hub: ChatStreamHub;
  conversations: ConversationService;
  messages: MessageRepository;
  logger: Logger;
  /** How often a follower reads the turn's row: its lease (a dead replica's turn is failed) and its outcome. */
  checkEveryMs: number;
  /** How long a finished turn's stream stays replayable. */
  keepFinishedMs: number;
  /** No turn lasts longer: bounds how long an unfinished stream is kept, and interrupts unleased open messages. */
  turnTimeoutMs: number;
  /** Redacts answer text before it is stored (the tenant's PII settings), as a finished turn's answer is. */
  redactAnswer: (tenantId: string, text: string) => Promise<string>;
}

/** More events than any turn publishes (deltas are coalesced per 50 ms): the read of a dead turn's text is bounded. */
const MAX_TURN_EVENTS = 20_000;

/**
 * Carries chat turns between replicas over the event bus. Every event the hub publishes for a turn running here goes
 * to the message's stream (in order: one publishing connection); a replica serving a subscriber of a turn it does not
 * run follows that stream into its own hub (replay from the first event, then live; entry IDs are the sequence), so
 * the subscriber sees every token whichever replica it reached. While following, the turn's row is watched: a lease
 * that lapsed means the running replica died, and the message is failed with TURN_INTERRUPTED (once, whichever
 * replica gets there first: a follower, the next message or the sweeper, all through `interruptLapsed`) and that
 * outcome ends the stream.
 */
export class TurnRelay {
  /** Turns running here whose stream has its first event (and so an expiry). */
  private readonly started = new Set<string>();
  private readonly following = new Map<string, () => void>();

  constructor(private readonly options: TurnRelayOptions) {
    options.hub.mirrorTo(this.publish);
  }

  private readonly publish: ChatStreamMirror = (messageId, owner, event) => {
    const { bus, keepFinishedMs, turnTimeoutMs } = this.options;
    const stream = turnStream(messageId);
    const completed = event.kind === 'completed';
    const first = !this.started.has(messageId);
    if (completed) this.started.delete(messageId);
    else if (first) this.started.add(messageId);
    const tenantId = owner.slice(0, owner.indexOf(':'));
    // Not awaited, so the turn never waits for the bus; calls reach the transport in the order they are made.
    bus
      .publish(stream, { type: event.kind, tenantId, payload: event })
      .then(() => (first || completed ? bus.expire(stream, completed ? keepFinishedMs : turnTimeoutMs + keepFinishedMs) : undefined))
      .catch((err: unknown) => this.options.logger.warn({ err, messageId, kind: event.kind }, 'relaying a chat stream event failed'));
  };

  /**
   * Whether the message's stream may still be replayed: its turn is open (running elsewhere, or in a dead replica),
   * or finished recently enough for its stream to be kept.
   */
  replayable(message: Message): boolean {
    if (OPEN_MESSAGE_STATUSES.includes(message.status)) return true;
    return message.completedAt != null && Date.now() - message.completedAt.getTime() < this.options.keepFinishedMs;
  }

  /** Feeds the hub with the events of a message whose turn runs (or ran) on another replica, or in a dead one. */
  follow(owner: Owner, message: Message): void {
    const { hub, bus, logger } = this.options;
    if (!hub.follow(message.id, hubOwnerKey(owner))) return;
    const events = bus.replay(turnStream(message.id));
    // A finished message's stream either replays at once or is gone (a refusal never ran): then the row is served.
    let closedSeen = !OPEN_MESSAGE_STATUSES.includes(message.status);
    const stop = () => {
      if (!this.following.delete(message.id)) return;
      clearInterval(watch);
      void events.return?.();
    };
    this.following.set(message.id, stop);
    const watch = setInterval(() => {
      this.check(owner, message.id, closedSeen).then(
        (seen) => {
          closedSeen = seen;
          if (hub.ended(message.id)) stop();
        },
        (err: unknown) => logger.warn({ err, messageId: message.id }, 'checking a followed chat turn failed'),
      );
    }, this.options.checkEveryMs);
    void (async () => {
      try {
        for await (const event of events) {
          hub.relay(message.id, revive(event.payload as ChatStreamEvent));
          if (hub.ended(message.id)) break;
        }
      } catch (err) {
        logger.warn({ err, messageId: message.id }, 'following a chat turn failed');
      } finally {
        stop();
      }
    })();
  }

  /**
   * One look at the followed message's row; returns whether it was seen closed. A closed row whose `completed` event
   * has not arrived by the next look (its replica died between storing and publishing) is served from the row.
   */
  private async check(owner: Owner, messageId: string, closedSeen: boolean): Promise<boolean> {
    const { conversations, hub } = this.options;
    if (hub.ended(messageId)) return true;
    const stored = await conversations.findMessage(owner, messageId);
    if (!stored) return false;
    // Interrupted here: its outcome is already relayed. Closed by someone else: served from the row at the next look.
    if (OPEN_MESSAGE_STATUSES.includes(stored.status)) return this.interruptLapsed(owner, messageId, 'follower');
    if (!closedSeen) return true;
    await this.relayStored(owner, messageId);
    return true;
  }

  /**
   * Fails the message with TURN_INTERRUPTED if its lease lapsed (its replica died), with the one conditional statement
   * of `MessageRepository.interruptExpired` (of all replicas, one wins), and for the one that did tells its subscribers:
   * the stored outcome ends a stream followed here at once, and goes on the turn's bus stream so that followers on
   * other replicas end without waiting for their next look. Every path that notices a dead turn (a follower, the next
   * message, the sweeper) comes through here. True when this call failed it.
   */
  async interruptLapsed(owner: Owner, messageId: string, noticedBy: InterruptionNoticedBy): Promise<boolean> {
    const { messages, logger, turnTimeoutMs } = this.options;
    const unleasedBefore = new Date(Date.now() - turnTimeoutMs);
    if (!(await messages.interruptExpired(owner, messageId, unleasedBefore, await this.streamedText(owner, messageId)))) return false;
    turnInterruptionCounter().inc({ noticed_by: noticedBy });
    logger.warn(
      { messageId, tenantId: owner.tenantId, noticedBy },
      'chat turn interrupted: the replica running it stopped renewing its lease',
    );
    try {
      const completed = await this.relayStored(owner, messageId);
      if (completed) await this.announce(messageId, owner.tenantId, completed);
    } catch (err) {
      // Stored all the same: followers on other replicas serve it from the row at their next look.
      logger.warn({ err, messageId }, 'announcing an interrupted chat turn failed');
    }
    return true;
  }

  /**
   * What the dead turn's subscribers were shown, from its bus stream: stored with the failed message (redacted, as a
   * finished answer is), so the conversation keeps the partial answer. Empty when the stream is gone or unreadable.
   */
  private async streamedText(owner: Owner, messageId: string): Promise<string> {
    const { bus, logger, redactAnswer } = this.options;
    try {
      const events = await bus.retained(turnStream(messageId), MAX_TURN_EVENTS);
      const text = events
        .map((event) => event.payload as ChatStreamEvent)
        .reduce((all, event) => (event.kind === 'delta' ? all + event.text : all), '');
      return text ? await redactAnswer(owner.tenantId, text) : '';
    } catch (err) {
      logger.warn({ err, messageId }, 'reading the text an interrupted chat turn streamed failed; it is stored without it');
      return '';
    }
  }

  /** Relays the message's stored outcome to a stream followed here, if any; returns the event (undefined: no such row). */
  private async relayStored(owner: Owner, messageId: string): Promise<CompletedEvent | undefined> {
    const { conversations, hub } = this.options;
    const stored = await conversations.findMessage(owner, messageId);
    if (!stored) return undefined;
    const [toolCalls] = await conversations.toolCallsByMessages(owner, [messageId]);
    const completed: CompletedEvent = { kind: 'completed', message: stored, toolCalls: toolCalls ?? [], citations: stored.citations };
    hub.relay(messageId, completed);
    return completed;
  }

  /** Ends the turn's bus stream with `completed` for another replica's turn, kept replayable as a finished one is. */
  private async announce(messageId: string, tenantId: string, completed: CompletedEvent): Promise<void> {
    const { bus, keepFinishedMs } = this.options;
    const stream = turnStream(messageId);
    await bus.publish(stream, { type: completed.kind, tenantId, payload: completed });
    await bus.expire(stream, keepFinishedMs);
  }

  /** Stops following (local subscribers of followed streams end with the hub). */
  close(): void {
    for (const stop of [...this.following.values()]) stop();
  }
}

const toDate = (value: Date | string | null | undefined) => (value === null || value === undefined ? null : new Date(value));

/** Events crossed the bus as JSON: the completed message's dates come back as strings. Other kinds pass unchanged. */
function revive(event: ChatStreamEvent): ChatStreamEvent {
  if (event.kind !== 'completed') return event;
  const { message } = event;
  return {
    ...event,
    message: {
      ...message,
      createdAt: toDate(message.createdAt)!,
      completedAt: toDate(message.completedAt),
      leaseUntil: toDate(message.leaseUntil),
    },
    toolCalls: event.toolCalls.map((call) => ({ ...call, createdAt: toDate(call.createdAt)! })),
  };
}

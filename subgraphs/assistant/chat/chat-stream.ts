import { setTimeout as sleep } from 'node:timers/promises';
import { mapAsyncIterator } from '../../../platform/async/map-async-iterator.js';
import { createPushIterator } from '../../../platform/async/push-iterator.js';
import { messageNotFound } from '../conversations/assistant-errors.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import { OPEN_MESSAGE_STATUSES, type Message } from '../conversations/message.entity.js';
import type { Owner } from '../conversations/owner.js';
import { hubOwnerKey, type ChatStreamEvent, type ChatStreamHub } from './chat-stream-hub.js';
import type { MessageRepository } from './message-repository.js';

/** The polled outcome, or why polling failed (thrown to the reader, as the reading `next()` would have). */
type Polled = { event: ChatStreamEvent } | { error: unknown };

/** chatStream: a message's events from the hub when its turn runs (or ran) here, else its stored outcome. */
export class ChatStream {
  constructor(
    private readonly hub: ChatStreamHub,
    private readonly conversations: ConversationService,
    private readonly messages: MessageRepository,
    /** An open message older than this has no turn left running anywhere (a model call cannot last longer). */
    private readonly turnTimeoutMs: number,
  ) {}

  /** The message's events from the first; for a message no turn runs for in this process, its stored outcome. */
  async stream(owner: Owner, messageId: string): Promise<AsyncIterable<ChatStreamEvent>> {
    // A message answered here is authorised from memory: no database read on the way to the first token.
    const liveOwner = this.hub.ownerOf(messageId);
    if (liveOwner !== undefined) {
      const live = liveOwner === hubOwnerKey(owner) ? this.hub.subscribe(messageId) : undefined;
      if (!live) throw messageNotFound(messageId);
      return live;
    }
    const message = await this.conversations.findMessage(owner, messageId);
    if (!message || message.role !== 'ASSISTANT') throw messageNotFound(messageId);
    const live = this.hub.subscribe(messageId);
    if (live) return live;
    return this.storedOutcome(owner, message);
  }

  /**
   * The outcome of a message no turn runs for in this process: as stored when it is finished; else it is another
   * replica's (or a dead process's) turn, so the database is watched until it finishes, and a turn older than any
   * model call may last is declared lost. A client leaving stops the polling at once.
   */
  private storedOutcome(owner: Owner, message: Message): AsyncIterableIterator<ChatStreamEvent> {
    let closed = false;
    const outcome = createPushIterator<Polled>({ onReturn: () => (closed = true) });
    const poll = async (): Promise<ChatStreamEvent | undefined> => {
      let stored = message;
      while (OPEN_MESSAGE_STATUSES.includes(stored.status) && !closed) {
        if (Date.now() - stored.createdAt.getTime() > this.turnTimeoutMs) await this.messages.markLost(owner, stored.id);
        else await sleep(500);
        stored = (await this.conversations.findMessage(owner, stored.id)) ?? stored;
      }
      if (closed) return undefined;
      const [toolCalls] = await this.conversations.toolCallsByMessages(owner, [stored.id]);
      return { kind: 'completed', message: stored, toolCalls: toolCalls ?? [], citations: stored.citations };
    };
    poll().then(
      (event) => {
        if (event) outcome.push({ event });
        outcome.end();
      },
      (error: unknown) => {
        outcome.push({ error });
        outcome.end();
      },
    );
    return mapAsyncIterator(outcome.iterator, (polled) => {
      if ('error' in polled) throw polled.error;
      return polled.event;
    });
  }
}

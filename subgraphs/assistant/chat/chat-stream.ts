import { messageNotFound } from '../conversations/assistant-errors.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { Message } from '../conversations/message.entity.js';
import type { Owner } from '../conversations/owner.js';
import { hubOwnerKey, type ChatStreamEvent, type ChatStreamHub } from './chat-stream-hub.js';
import type { TurnRelay } from './turn-relay.js';

/** chatStream: a message's events from the hub, whichever replica runs (or ran) its turn; else its stored outcome. */
export class ChatStream {
  constructor(
    private readonly hub: ChatStreamHub,
    private readonly conversations: ConversationService,
    private readonly relay: TurnRelay,
  ) {}

  /** The message's events from the first; a finished message no hub here remembers is its stored outcome. */
  async stream(owner: Owner, messageId: string): Promise<AsyncIterable<ChatStreamEvent>> {
    // A message answered (or followed) here is authorised from memory: no database read on the way to the first token.
    const liveOwner = this.hub.ownerOf(messageId);
    if (liveOwner !== undefined) {
      const live = liveOwner === hubOwnerKey(owner) ? this.hub.subscribe(messageId) : undefined;
      if (!live) throw messageNotFound(messageId);
      return live;
    }
    const message = await this.conversations.findMessage(owner, messageId);
    if (!message || message.role !== 'ASSISTANT') throw messageNotFound(messageId);
    // Another replica's turn (or a dead one's), running or just finished: followed over the event bus into this hub.
    if (this.relay.replayable(message)) this.relay.follow(owner, message);
    return this.hub.subscribe(messageId) ?? this.storedOutcome(owner, message);
  }

  private async *storedOutcome(owner: Owner, message: Message): AsyncGenerator<ChatStreamEvent> {
    const [toolCalls] = await this.conversations.toolCallsByMessages(owner, [message.id]);
    yield { kind: 'completed', message, toolCalls: toolCalls ?? [], citations: message.citations };
  }
}

import { InProcessEventBus } from '../../../platform/events/in-process/in-process-event-bus.js';
import { messageNotFound, messageNotPending } from '../conversations/assistant-errors.js';
import { OPEN_MESSAGE_STATUSES, type Message } from '../conversations/message.entity.js';
import type { Owner } from '../conversations/owner.js';
import { redactPii } from '../guardrails/pii.js';
import type { ChatCaller, ChatServiceOptions } from './chat-options.js';
import { ChatStream } from './chat-stream.js';
import { ChatStreamHub, type ChatStreamEvent } from './chat-stream-hub.js';
import type { MessageRepository } from './message-repository.js';
import { tenantPiiOptions } from './redact-turn.js';
import { SendMessage } from './send-message.js';
import { DEFAULT_TURN_LEASE } from './turn-lease.js';
import { TurnRelay } from './turn-relay.js';
import { TurnRunner } from './turn-runner.js';
import { DEFAULT_TURN_SWEEP, TurnSweeper } from './turn-sweeper.js';

/**
 * The chat's entry points, each handled by its part: sendMessage (send-message.ts) stores the user's (redacted) text and
 * a PENDING assistant message and starts the answer; the turn runs in the background (turn-runner.ts), its events go to
 * the in-process hub, its outcome to the database (message-repository.ts); chatStream (chat-stream.ts) serves the hub's
 * events or the stored outcome. Turns whose replica died are failed by whoever notices first (turn-relay.ts), the
 * sweeper (turn-sweeper.ts) failing those nobody looks at.
 */
export class ChatService<C> {
  readonly hub: ChatStreamHub;
  private readonly messages: MessageRepository;
  private readonly turns: TurnRunner<C>;
  private readonly sender: SendMessage<C>;
  private readonly streams: ChatStream;
  private readonly relay: TurnRelay;
  private readonly sweeper: TurnSweeper;
  private readonly ownBus: InProcessEventBus | undefined;

  constructor(private readonly options: ChatServiceOptions<C>) {
    this.hub = options.hub ?? new ChatStreamHub();
    this.messages = options.messages;
    this.ownBus = options.bus ? undefined : new InProcessEventBus({ logger: options.logger });
    const lease = options.turnLease ?? DEFAULT_TURN_LEASE;
    this.relay = new TurnRelay({
      bus: options.bus ?? this.ownBus!,
      hub: this.hub,
      conversations: options.conversations,
      messages: this.messages,
      logger: options.logger,
      // A dead replica's turn is noticed within a lease and a check.
      checkEveryMs: Math.max(50, Math.min(1000, Math.floor(lease.ttlMs / 3))),
      keepFinishedMs: 60_000,
      turnTimeoutMs: options.turnTimeoutMs,
      redactAnswer: async (tenantId, text) => redactPii(text, await tenantPiiOptions(options.piiPhoneRegions, tenantId)).text,
    });
    this.turns = new TurnRunner(options, this.messages, this.hub);
    this.sender = new SendMessage(options, this.messages, this.turns, this.hub, (owner, messageId) =>
      this.relay.interruptLapsed(owner, messageId, 'next_message'),
    );
    this.streams = new ChatStream(this.hub, options.conversations, this.relay);
    this.sweeper = new TurnSweeper({
      ...DEFAULT_TURN_SWEEP,
      ...options.turnSweep,
      messages: this.messages,
      interrupt: (owner, messageId) => this.relay.interruptLapsed(owner, messageId, 'sweeper'),
      turnTimeoutMs: options.turnTimeoutMs,
      logger: options.logger,
    });
    if (options.turnSweep) this.sweeper.start();
  }

  /** One sweep for dead turns nobody follows, across tenants (TurnSweeper); how many this call failed. */
  sweepDeadTurns(): Promise<number> {
    return this.sweeper.sweep();
  }

  sendMessage(caller: ChatCaller, conversationId: string, text: string): Promise<Message> {
    return this.sender.send(caller, conversationId, text);
  }

  /** Aborts a running answer; the message ends CANCELLED with what was streamed so far. */
  async cancelMessage(owner: Owner, messageId: string): Promise<Message> {
    const { conversations } = this.options;
    const message = await conversations.findMessage(owner, messageId);
    if (!message || message.role !== 'ASSISTANT') throw messageNotFound(messageId);
    if (!OPEN_MESSAGE_STATUSES.includes(message.status)) throw messageNotPending(messageId, message.status);
    const running = this.turns.get(messageId);
    if (running) {
      running.controller.abort();
      await running.done;
    } else {
      // No turn runs for it here (the process restarted mid-answer): nothing to abort, only the record to close.
      await this.messages.cancelOpen(owner, messageId);
    }
    const after = await conversations.findMessage(owner, messageId);
    if (!after) throw messageNotFound(messageId);
    // The answer finished before the abort landed.
    if (after.status !== 'CANCELLED') throw messageNotPending(messageId, after.status);
    return after;
  }

  /** The message's events from the first; for a message no turn runs for in this process, its stored outcome. */
  stream(owner: Owner, messageId: string): Promise<AsyncIterable<ChatStreamEvent>> {
    return this.streams.stream(owner, messageId);
  }

  /** Resolves once the message's turn, if one runs in this process, has ended and stored its outcome. */
  async settled(messageId: string): Promise<void> {
    await this.turns.get(messageId)?.done;
  }

  /** Stops every running turn (each records itself as CANCELLED) before the database closes. */
  async close(): Promise<void> {
    await this.sweeper.stop();
    await this.turns.close();
    this.relay.close();
    this.hub.close();
    await this.ownBus?.close();
  }
}

import { ChatStreamDocument, SendMessageDocument, type ChatStreamSubscription, type SendMessageMutation } from '../generated/graphql.js';
import type { RaglineClient } from './ragline-client.js';

/** One event of an answer: a token delta, a tool call starting or finishing, or the completed message. */
export type ChatEvent = ChatStreamSubscription['chatStream'];
export type ChatEventOf<TName extends ChatEvent['__typename']> = Extract<ChatEvent, { __typename: TName }>;

/**
 * The events of one assistant message, replayed from its first token, ending after `ChatMessageCompleted`:
 * `for await (const event of chatEvents(client, id)) if (event.__typename === 'ChatTokenDelta') write(event.text)`.
 */
export async function* chatEvents(client: RaglineClient, messageId: string): AsyncGenerator<ChatEvent> {
  const stream = client.subscribe(ChatStreamDocument, { messageId });
  try {
    for await (const { chatStream } of stream) {
      yield chatStream;
      if (chatStream.__typename === 'ChatMessageCompleted') return;
    }
  } finally {
    await stream.return?.();
  }
}

/** Sends a message and returns the pending answer with an iterator over its events. */
export async function ask(
  client: RaglineClient,
  conversationId: string,
  text: string,
): Promise<{ answer: SendMessageMutation['sendMessage']; events: AsyncGenerator<ChatEvent> }> {
  const { sendMessage } = await client.request(SendMessageDocument, { conversationId, text });
  return { answer: sendMessage, events: chatEvents(client, sendMessage.id) };
}

import { Arg, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { mapAsyncIterator } from '../../../platform/async/map-async-iterator.js';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import { appError, ErrorCode } from '../../../platform/errors.js';
import { toApprovalView } from '../approvals/approval-view.js';
import type { ChatStreamEvent } from './chat-stream-hub.js';
import type { AssistantContext } from '../context.js';
import type { Message } from '../conversations/message.entity.js';
import { ownerOf } from '../conversations/owner.js';
import { MessageType } from '../conversations/conversation.type.js';
import { ChatStreamEventUnion, type ChatStreamEventView } from './chat.type.js';

@Resolver()
export class ChatResolver {
  @Mutation(() => MessageType, {
    description:
      'Sends the text (personal data is redacted before it is stored or reaches the model) and returns the PENDING assistant message at once; ' +
      'follow it with chatStream(messageId). Errors: NOT_FOUND, BAD_USER_INPUT, CONVERSATION_BUSY (the previous answer is still running).',
  })
  async sendMessage(
    @Ctx() context: AssistantContext,
    @Arg('conversationId', () => ID) conversationId: string,
    @Arg('text', () => String) text: string,
  ): Promise<Message> {
    const principal = requirePrincipal(context);
    // The tools call the supergraph as this user, so without the header there is nothing to act with.
    if (!context.authorization) throw appError(ErrorCode.Unauthenticated, 'Unauthenticated: this operation needs a bearer token');
    return context.chat.sendMessage(
      { ...ownerOf(principal), authorization: context.authorization, requestId: context.requestId },
      conversationId,
      text,
    );
  }

  @Mutation(() => MessageType, {
    description: 'Stops a running answer; it keeps what was streamed and ends CANCELLED. Errors: NOT_FOUND, MESSAGE_NOT_PENDING.',
  })
  async cancelMessage(@Ctx() context: AssistantContext, @Arg('messageId', () => ID) messageId: string): Promise<Message> {
    return context.chat.cancelMessage(ownerOf(requirePrincipal(context)), messageId);
  }

  @Subscription(() => ChatStreamEventUnion, {
    description: 'An assistant message as it is produced, replayed from its first token, ending after one ChatMessageCompleted.',
    subscribe: async ({ args, context }) => {
      const assistant = context as AssistantContext;
      const events = await assistant.chat.stream(ownerOf(requirePrincipal(assistant)), args.messageId as string);
      return toViews(events);
    },
  })
  chatStream(@Root() event: ChatStreamEventView, @Arg('messageId', () => ID) _messageId: string): ChatStreamEventView {
    return event;
  }
}

/** Maps hub events to GraphQL values; the stream is done after the completed message. */
function toViews(events: AsyncIterable<ChatStreamEvent>): AsyncIterableIterator<ChatStreamEventView> {
  return mapAsyncIterator(events, toView, { isLast: (event) => event.kind === 'completed' });
}

function toView(event: ChatStreamEvent): ChatStreamEventView {
  switch (event.kind) {
    case 'delta':
      return { __typename: 'ChatTokenDelta', text: event.text };
    case 'tool-started':
      return {
        __typename: 'ChatToolCallStarted',
        callId: event.callId,
        name: event.name,
        argumentsJson: event.argumentsJson,
        round: event.round,
      };
    case 'tool-finished':
      return {
        __typename: 'ChatToolCallFinished',
        callId: event.callId,
        name: event.name,
        ok: event.ok,
        errorCode: event.errorCode,
        durationMs: event.durationMs,
      };
    case 'approval-requested':
      return { __typename: 'ChatToolApprovalRequested', approval: toApprovalView(event.approval) };
    case 'completed':
      return {
        __typename: 'ChatMessageCompleted',
        message: event.message as unknown as MessageType,
        citations: event.citations,
        usage: { inputTokens: event.message.inputTokens ?? 0, outputTokens: event.message.outputTokens ?? 0 },
      };
  }
}

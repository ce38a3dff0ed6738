import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { AssistantContext } from '../context.js';
import type { Conversation } from './conversation.entity.js';
import type { Message } from './message.entity.js';
import type { ToolCall } from './tool-call.entity.js';
import { ownerOf } from './owner.js';
import {
  ChatUsageType,
  ConversationConnectionType,
  ConversationType,
  MessageType,
  OrderReferenceType,
  ToolCallType,
} from './conversation.type.js';

@Resolver(() => ConversationType)
export class ConversationResolver {
  @Mutation(() => ConversationType, { description: "Starts a conversation of the caller's own; only they can read or continue it." })
  async startConversation(
    @Ctx() context: AssistantContext,
    @Arg('title', () => String, { nullable: true }) title?: string | null,
  ): Promise<Conversation> {
    const conversation = await context.conversations.start(ownerOf(requirePrincipal(context)), title);
    context.log.info({ conversationId: conversation.id }, 'conversation started');
    return conversation;
  }

  @Query(() => ConversationType, { description: "One of the caller's conversations. NOT_FOUND for anyone else's." })
  async conversation(@Ctx() context: AssistantContext, @Arg('id', () => ID) id: string): Promise<Conversation> {
    return context.conversations.get(ownerOf(requirePrincipal(context)), id);
  }

  @Query(() => ConversationConnectionType, { description: "The caller's conversations, most recently active first." })
  async conversations(
    @Ctx() context: AssistantContext,
    @Arg('first', () => Int, { nullable: true, description: '1-100, default 20' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ConversationConnectionType> {
    return context.conversations.list(ownerOf(requirePrincipal(context)), { first, after });
  }

  @FieldResolver(() => [MessageType])
  async messages(@Root() conversation: Conversation, @Ctx() context: AssistantContext): Promise<Message[]> {
    return context.messagesByConversation.load(conversation.id);
  }
}

@Resolver(() => MessageType)
export class MessageResolver {
  @FieldResolver(() => ChatUsageType, { nullable: true })
  usage(@Root() message: Message): ChatUsageType | null {
    if (message.inputTokens == null || message.outputTokens == null) return null;
    return { inputTokens: message.inputTokens, outputTokens: message.outputTokens };
  }

  @FieldResolver(() => [ToolCallType])
  async toolCalls(@Root() message: Message, @Ctx() context: AssistantContext): Promise<ToolCallType[]> {
    if (message.role !== 'ASSISTANT') return [];
    return (await context.toolCallsByMessage.load(message.id)).map(toToolCallType);
  }

  @FieldResolver(() => OrderReferenceType, { nullable: true })
  order(@Root() message: Message): OrderReferenceType | null {
    return message.confirmedOrderId ? { id: message.confirmedOrderId } : null;
  }
}

export function toToolCallType(call: ToolCall): ToolCallType {
  return {
    id: call.id,
    name: call.name,
    argumentsJson: JSON.stringify(call.arguments ?? {}),
    resultJson: call.result === null || call.result === undefined ? null : JSON.stringify(call.result),
    ok: call.ok,
    errorCode: call.errorCode ?? null,
    durationMs: call.durationMs,
    round: call.round,
    createdAt: call.createdAt,
  };
}

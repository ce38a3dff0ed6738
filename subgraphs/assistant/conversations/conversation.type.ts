import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MESSAGE_ROLES, MESSAGE_STATUSES, type MessageRole, type MessageStatus } from './message.entity.js';

export const MessageRoleEnum = Object.fromEntries(MESSAGE_ROLES.map((role) => [role, role])) as { [K in MessageRole]: K };
registerEnumType(MessageRoleEnum, { name: 'MessageRole' });
export const MessageStatusEnum = Object.fromEntries(MESSAGE_STATUSES.map((status) => [status, status])) as { [K in MessageStatus]: K };
registerEnumType(MessageStatusEnum, {
  name: 'MessageStatus',
  description:
    'PENDING -> STREAMING -> COMPLETED | CANCELLED | FAILED. A FAILED message may hold a partial answer (errorCode MODEL_INTERRUPTED).',
});

/** The orders subgraph owns Order; a message only points at the order its turn placed, and the gateway resolves it. */
@ObjectType('Order')
@Directive('@key(fields: "id", resolvable: false)')
export class OrderReferenceType {
  @Field(() => ID) id!: string;
}

@ObjectType('ChatCitation', { description: 'A knowledge chunk the answer used.' })
export class ChatCitationType {
  @Field(() => ID) documentId!: string;
  @Field(() => ID) chunkId!: string;
  @Field(() => String) title!: string;
}

@ObjectType('ChatUsage', { description: 'Tokens of every model call of the turn.' })
export class ChatUsageType {
  @Field(() => Int) inputTokens!: number;
  @Field(() => Int) outputTokens!: number;
}

@ObjectType('ToolCall', { description: 'A tool the assistant called while answering, with its arguments and result as JSON text.' })
export class ToolCallType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) argumentsJson!: string;
  @Field(() => String, { nullable: true }) resultJson?: string | null;
  @Field(() => Boolean) ok!: boolean;
  @Field(() => String, { nullable: true, description: 'UNKNOWN_TOOL, INVALID_ARGUMENTS, TOOL_TIMEOUT, TOOL_FAILED, CANCELLED' })
  errorCode?: string | null;
  @Field(() => Int) durationMs!: number;
  @Field(() => Int, { description: 'Tool round of the turn, from 1.' }) round!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType('Message')
export class MessageType {
  @Field(() => ID) id!: string;
  @Field(() => ID) conversationId!: string;
  @Field(() => Int, { description: 'A user message and its answer share a turn number, from 1.' }) turn!: number;
  @Field(() => MessageRoleEnum) role!: MessageRole;
  @Field(() => String, { description: 'User messages are stored with personal data replaced by placeholders such as [EMAIL_1].' })
  content!: string;
  @Field(() => MessageStatusEnum) status!: MessageStatus;
  @Field(() => String, { nullable: true, description: 'stop, length, tool-round-limit, interrupted, content-filter or other.' })
  finishReason?: string | null;
  @Field(() => [ChatCitationType]) citations!: ChatCitationType[];
  @Field(() => ChatUsageType, { nullable: true }) usage?: ChatUsageType | null;
  @Field(() => String, { nullable: true }) model?: string | null;
  @Field(() => String, { nullable: true }) provider?: string | null;
  @Field(() => String, { nullable: true }) promptName?: string | null;
  @Field(() => Int, { nullable: true }) promptVersion?: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Why an answer failed or was refused: MODEL_INTERRUPTED, MODEL_UNAVAILABLE, MODEL_TIMEOUT, PROMPT_INJECTION, CONTENT_FLAGGED, TURN_INTERRUPTED, INTERNAL_ERROR.',
  })
  errorCode?: string | null;
  @Field(() => [ToolCallType]) toolCalls?: ToolCallType[];
  @Field(() => OrderReferenceType, { nullable: true, description: 'The order this answer placed (confirm_order succeeded).' })
  order?: OrderReferenceType | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) completedAt?: Date | null;
}

@ObjectType('Conversation')
export class ConversationType {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String) promptName!: string;
  @Field(() => Int) promptVersion!: number;
  @Field(() => [MessageType], { description: 'In turn order, each user message before its answer.' }) messages?: MessageType[];
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfoType {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}

@ObjectType('ConversationEdge')
export class ConversationEdgeType {
  @Field(() => String) cursor!: string;
  @Field(() => ConversationType) node!: ConversationType;
}

@ObjectType('ConversationConnection')
export class ConversationConnectionType {
  @Field(() => [ConversationEdgeType]) edges!: ConversationEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

import { createUnionType, Field, Int, ObjectType } from 'type-graphql';
import { ChatToolApprovalRequestedType } from '../approvals/tool-approval.type.js';
import { ChatCitationType, ChatUsageType, MessageType } from '../conversations/conversation.type.js';

@ObjectType('ChatTokenDelta', { description: 'Answer text as it is generated; concatenated in order they make the answer.' })
export class ChatTokenDeltaType {
  @Field(() => String) text!: string;
}

@ObjectType('ChatToolCallStarted')
export class ChatToolCallStartedType {
  @Field(() => String) callId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) argumentsJson!: string;
  @Field(() => Int) round!: number;
}

@ObjectType('ChatToolCallFinished')
export class ChatToolCallFinishedType {
  @Field(() => String) callId!: string;
  @Field(() => String) name!: string;
  @Field(() => Boolean) ok!: boolean;
  @Field(() => String, { nullable: true }) errorCode?: string | null;
  @Field(() => Int) durationMs!: number;
}

@ObjectType('ChatMessageCompleted', {
  description:
    'The last event: the stored message (any status). Fields of other subgraphs (Message.order) belong here, resolved once per message.',
})
export class ChatMessageCompletedType {
  @Field(() => MessageType) message!: MessageType;
  @Field(() => [ChatCitationType]) citations!: ChatCitationType[];
  @Field(() => ChatUsageType) usage!: ChatUsageType;
}

export type ChatStreamEventView =
  | (ChatTokenDeltaType & { __typename: 'ChatTokenDelta' })
  | (ChatToolCallStartedType & { __typename: 'ChatToolCallStarted' })
  | (ChatToolCallFinishedType & { __typename: 'ChatToolCallFinished' })
  | (ChatToolApprovalRequestedType & { __typename: 'ChatToolApprovalRequested' })
  | (ChatMessageCompletedType & { __typename: 'ChatMessageCompleted' });

export const ChatStreamEventUnion = createUnionType({
  name: 'ChatStreamEvent',
  description:
    'chatStream events: deltas, tool calls and approval requests (a side-effecting call that waits for approveToolCall) while the answer runs, then one ChatMessageCompleted.',
  types: () =>
    [
      ChatTokenDeltaType,
      ChatToolCallStartedType,
      ChatToolCallFinishedType,
      ChatToolApprovalRequestedType,
      ChatMessageCompletedType,
    ] as const,
  resolveType: (value) => (value as ChatStreamEventView).__typename,
});

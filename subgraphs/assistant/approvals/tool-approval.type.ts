import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrderReferenceType } from '../conversations/conversation.type.js';
import { TOOL_APPROVAL_STATUSES, type ToolApprovalStatus } from './tool-approval.entity.js';

export const ToolApprovalStatusEnum = Object.fromEntries(TOOL_APPROVAL_STATUSES.map((status) => [status, status])) as {
  [K in ToolApprovalStatus]: K;
};
registerEnumType(ToolApprovalStatusEnum, {
  name: 'ToolApprovalStatus',
  description: 'PENDING -> APPROVED (the tool ran; order set) | FAILED (it ran and failed) | DECLINED | EXPIRED.',
});

@ObjectType('ToolApprovalLine')
export class ToolApprovalLineType {
  @Field(() => ID) productId!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => Int) unitPriceCents!: number;
  @Field(() => Int) lineTotalCents!: number;
  @Field(() => String, { nullable: true, description: 'The line note as it will be sent (personal data redacted).' })
  notes?: string | null;
}

@ObjectType('ToolApproval', {
  description:
    'A side-effecting tool call (confirm_order) the assistant asked to run: it runs only when its user calls approveToolCall before expiresAt.',
})
export class ToolApprovalType {
  @Field(() => ID) id!: string;
  @Field(() => ID) conversationId!: string;
  @Field(() => ID, { description: 'The assistant message whose turn asked.' }) messageId!: string;
  @Field(() => String) tool!: string;
  @Field(() => ToolApprovalStatusEnum) status!: ToolApprovalStatus;
  @Field(() => String, { description: 'One sentence: what will happen (items, quantities, total, promotion).' }) summary!: string;
  @Field(() => [ToolApprovalLineType]) lines!: ToolApprovalLineType[];
  @Field(() => Int) totalCents!: number;
  @Field(() => String) currency!: string;
  @Field(() => String, { nullable: true }) promoCode?: string | null;
  @Field(() => GraphQLISODateTime) expiresAt!: Date;
  @Field(() => OrderReferenceType, { nullable: true, description: 'The placed order, once APPROVED.' })
  order?: OrderReferenceType | null;
  @Field(() => String, { nullable: true, description: 'When FAILED: the code of the error that stopped it.' })
  errorCode?: string | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) decidedAt?: Date | null;
}

@ObjectType('ChatToolApprovalRequested', {
  description: 'A side-effecting tool call waits for approveToolCall or declineToolCall; it has not run.',
})
export class ChatToolApprovalRequestedType {
  @Field(() => ToolApprovalType) approval!: ToolApprovalType;
}

import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import { appError, ErrorCode } from '../../../platform/errors.js';
import type { AssistantContext } from '../context.js';
import { ownerOf } from '../conversations/owner.js';
import { toApprovalView } from './approval-view.js';
import { ToolApprovalType } from './tool-approval.type.js';

@Resolver()
export class ToolApprovalResolver {
  @Query(() => [ToolApprovalType], {
    description: "The conversation's tool calls waiting for the caller's approval (none for another user's conversation).",
  })
  async pendingToolApprovals(
    @Ctx() context: AssistantContext,
    @Arg('conversationId', () => ID) conversationId: string,
  ): Promise<ToolApprovalType[]> {
    const approvals = await context.approvals.pending(ownerOf(requirePrincipal(context)), conversationId);
    return approvals.map((approval) => toApprovalView(approval));
  }

  @Mutation(() => ToolApprovalType, {
    description:
      'Runs the approved tool call now, as the caller (its owner), once. Errors: NOT_FOUND, APPROVAL_EXPIRED, APPROVAL_ALREADY_DECIDED, UNAUTHENTICATED.',
  })
  async approveToolCall(@Ctx() context: AssistantContext, @Arg('approvalId', () => ID) approvalId: string): Promise<ToolApprovalType> {
    const principal = requirePrincipal(context);
    // The tool calls the supergraph as this user, so without the header there is nothing to act with.
    if (!context.authorization) throw appError(ErrorCode.Unauthenticated, 'Unauthenticated: this operation needs a bearer token');
    const approval = await context.approvals.approve(
      { ...ownerOf(principal), authorization: context.authorization, requestId: context.requestId },
      approvalId,
    );
    return toApprovalView(approval);
  }

  @Mutation(() => ToolApprovalType, {
    description: 'Declines the tool call; it never runs. Errors: NOT_FOUND, APPROVAL_EXPIRED, APPROVAL_ALREADY_DECIDED, BAD_USER_INPUT.',
  })
  async declineToolCall(
    @Ctx() context: AssistantContext,
    @Arg('approvalId', () => ID) approvalId: string,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ): Promise<ToolApprovalType> {
    const approval = await context.approvals.decline(ownerOf(requirePrincipal(context)), approvalId, reason ?? undefined);
    return toApprovalView(approval);
  }
}

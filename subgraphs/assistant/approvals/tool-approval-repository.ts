import type { EntityManager } from '@mikro-orm/sql';
import { MessageEntity } from '../conversations/message.entity.js';
import type { Owner } from '../conversations/owner.js';
import { ToolCallEntity } from '../conversations/tool-call.entity.js';
import { ToolApprovalEntity, type ToolApproval, type ToolApprovalStatus } from './tool-approval.entity.js';

/**
 * Tool approvals as stored. Every statement filters by tenant AND user: another owner's approval is indistinguishable
 * from a missing one. Decisions are conditional updates on status = 'PENDING', so of two concurrent deciders one wins.
 */
export class ToolApprovalRepository {
  constructor(private readonly em: () => EntityManager) {}

  /**
   * Stores a new PENDING approval; earlier PENDING ones of the conversation expire with it, so only the latest cart
   * the user saw can be approved (an old request approved by mistake would place a second order).
   */
  async insert(approval: ToolApproval): Promise<void> {
    await this.em().transactional(async (tx) => {
      const { tenantId, userId, conversationId } = approval;
      await tx.nativeUpdate(
        ToolApprovalEntity,
        { tenantId, userId, conversationId, status: 'PENDING' },
        { status: 'EXPIRED', decidedAt: approval.createdAt },
      );
      await tx.insert(ToolApprovalEntity, approval);
    });
  }

  async find(owner: Owner, id: string): Promise<ToolApproval | null> {
    return (
      ((await this.em()
        .createQueryBuilder(ToolApprovalEntity)
        .where({ id, ...owner })
        .execute('get', true)) as ToolApproval | undefined) ?? null
    );
  }

  /** The conversation's approvals still waiting at `now`, oldest first. */
  async pendingOf(owner: Owner, conversationId: string, now: Date): Promise<ToolApproval[]> {
    return (await this.em()
      .createQueryBuilder(ToolApprovalEntity)
      .where({ ...owner, conversationId, status: 'PENDING', expiresAt: { $gt: now } })
      .orderBy({ createdAt: 'asc', id: 'asc' })
      .execute('all', true)) as ToolApproval[];
  }

  /** Moves a PENDING approval that has not expired at `now` to `status`; true for the one caller that did it. */
  async decide(
    owner: Owner,
    id: string,
    status: Extract<ToolApprovalStatus, 'APPROVED' | 'DECLINED'>,
    now: Date,
    declineReason: string | null = null,
  ): Promise<boolean> {
    const changed = await this.em().nativeUpdate(
      ToolApprovalEntity,
      { id, ...owner, status: 'PENDING', expiresAt: { $gt: now } },
      { status, decidedAt: now, declineReason },
    );
    return changed === 1;
  }

  /** Records that a PENDING approval ran out of time (reads say EXPIRED either way; this makes it permanent). */
  async expire(owner: Owner, id: string, now: Date): Promise<void> {
    await this.em().nativeUpdate(ToolApprovalEntity, { id, ...owner, status: 'PENDING', expiresAt: { $lte: now } }, { status: 'EXPIRED' });
  }

  /**
   * What running the approved tool did: the order it placed, or why it failed. The asking message then points at the
   * order (Message.order) and its confirm_order call's stored result says what became of the request, so the
   * conversation history the model reads next turn reflects the decision.
   */
  async recordOutcome(owner: Owner, approval: ToolApproval, outcome: { orderId: string } | { errorCode: string }): Promise<void> {
    await this.em().transactional(async (tx) => {
      const fields = 'orderId' in outcome ? { orderId: outcome.orderId } : { status: 'FAILED' as const, errorCode: outcome.errorCode };
      await tx.nativeUpdate(ToolApprovalEntity, { id: approval.id, ...owner }, fields);
      if ('orderId' in outcome)
        await tx.nativeUpdate(MessageEntity, { id: approval.messageId, ...owner }, { confirmedOrderId: outcome.orderId });
    });
    await this.annotateToolCall(owner, approval, 'orderId' in outcome ? 'APPROVED' : 'FAILED', outcome);
  }

  /** Marks the stored confirm_order call of the asking message with the decision (see recordOutcome). */
  async annotateToolCall(
    owner: Owner,
    approval: ToolApproval,
    status: ToolApprovalStatus,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const em = this.em();
    const calls = (await em
      .createQueryBuilder(ToolCallEntity)
      .where({ messageId: approval.messageId, ...owner, name: approval.tool })
      .execute('all', true)) as { id: string; result: unknown }[];
    for (const call of calls) {
      const result = call.result as Record<string, unknown> | null;
      if (result?.['approvalId'] !== approval.id) continue;
      await em.nativeUpdate(ToolCallEntity, { id: call.id, ...owner }, { result: { ...result, status, ...extra } });
    }
  }
}

import type { ToolApproval, ToolApprovalStatus } from './tool-approval.entity.js';
import type { ToolApprovalType } from './tool-approval.type.js';

/** A PENDING approval past its expiry reads as EXPIRED whether or not anyone has recorded that yet. */
export function effectiveStatus(approval: ToolApproval, now: Date): ToolApprovalStatus {
  return approval.status === 'PENDING' && approval.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : approval.status;
}

export function toApprovalView(approval: ToolApproval, now: Date = new Date()): ToolApprovalType {
  return {
    id: approval.id,
    conversationId: approval.conversationId,
    messageId: approval.messageId,
    tool: approval.tool,
    status: effectiveStatus(approval, now),
    summary: approval.summary,
    lines: approval.lines,
    totalCents: approval.totalCents,
    currency: approval.currency,
    promoCode: approval.promoCode,
    expiresAt: approval.expiresAt,
    order: approval.orderId ? { id: approval.orderId } : null,
    errorCode: approval.errorCode,
    createdAt: approval.createdAt,
    decidedAt: approval.decidedAt,
  };
}

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * PENDING (asked for by a turn) -> APPROVED (claimed by approveToolCall; `orderId` once the tool ran) | FAILED (the
 * tool ran and failed) | DECLINED | EXPIRED. A PENDING row past `expiresAt` reads as EXPIRED.
 */
export const TOOL_APPROVAL_STATUSES = ['PENDING', 'APPROVED', 'DECLINED', 'EXPIRED', 'FAILED'] as const;
export type ToolApprovalStatus = (typeof TOOL_APPROVAL_STATUSES)[number];

/** One priced line of what the tool will do (product data from the orders subgraph's quote). */
export interface ToolApprovalLine {
  productId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
  notes: string | null;
}

/** A side-effecting tool call the model asked for, held until its owner approves or declines it. */
export const ToolApprovalEntity = defineEntity({
  name: 'ToolApproval',
  tableName: 'tool_approvals',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    userId: p.string(),
    conversationId: p.uuid(),
    /** The assistant message whose turn asked. */
    messageId: p.uuid(),
    /** The turn of that message (the approved run acts in it). */
    turn: p.integer(),
    tool: p.string(),
    /** The validated (and PII-redacted) arguments the tool runs with once approved; nothing else is run. */
    arguments: p.json<Record<string, unknown>>(),
    status: p.enum(TOOL_APPROVAL_STATUSES),
    summary: p.text(),
    lines: p.json<ToolApprovalLine[]>(),
    totalCents: p.integer(),
    currency: p.string(),
    promoCode: p.string().nullable(),
    expiresAt: p.datetime(),
    orderId: p.uuid().nullable(),
    errorCode: p.string().nullable(),
    /** The user's reason for declining, PII-redacted like their messages. */
    declineReason: p.text().nullable(),
    createdAt: p.datetime(),
    decidedAt: p.datetime().nullable(),
  },
});

export type ToolApproval = InferEntity<typeof ToolApprovalEntity>;

import { randomUUID } from 'node:crypto';
import { appError, ErrorCode } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/is-uuid.js';
import type { Logger } from '../../../platform/logger.js';
import type { ChatCaller, TurnToolContextInput } from '../chat/chat-options.js';
import { redactJsonText } from '../chat/redact-turn.js';
import type { Owner } from '../conversations/owner.js';
import { PiiRedactor, type PiiRedactorOptions } from '../guardrails/pii.js';
import type { ApprovalProposal, AssistantToolContext } from '../tools/assistant-tool-context.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import type { ApprovalScope } from './approval-scope.js';
import { approvalAlreadyDecided, approvalExpired, approvalNotFound } from './approval-errors.js';
import { effectiveStatus } from './approval-view.js';
import type { ToolApproval } from './tool-approval.entity.js';
import type { ToolApprovalRepository } from './tool-approval-repository.js';

export const MAX_DECLINE_REASON_LENGTH = 500;

export interface ToolApprovalServiceOptions {
  repository: ToolApprovalRepository;
  tools: ToolRegistry<AssistantToolContext>;
  toolContext: (input: TurnToolContextInput) => AssistantToolContext;
  /** TOOL_APPROVAL_TTL_SECONDS. */
  ttlSeconds: number;
  logger: Logger;
  pii?: PiiRedactorOptions;
  /** Resolves once the message's turn, if it runs in this process, has stored its outcome (and its tool calls). */
  settled?: (messageId: string) => Promise<void>;
  now?: () => Date;
}

/**
 * Side-effecting tool calls wait here for their user: a turn stores what the call will do (request), and only
 * approveToolCall by the conversation's owner runs it, once. See docs/security.md, "Tool approvals".
 */
export class ToolApprovalService {
  private readonly now: () => Date;

  constructor(private readonly options: ToolApprovalServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Stores the proposal as PENDING (PII in its arguments redacted: what is stored is exactly what will run). */
  async request({ owner, conversationId, messageId, turn }: ApprovalScope, proposal: ApprovalProposal): Promise<ToolApproval> {
    const redactor = new PiiRedactor(this.options.pii ?? {});
    const redact = <T>(value: T): T => JSON.parse(redactJsonText(JSON.stringify(value), redactor)) as T;
    const createdAt = this.now();
    const approval: ToolApproval = {
      id: randomUUID(),
      ...owner,
      conversationId,
      messageId,
      turn,
      tool: proposal.tool,
      arguments: redact(proposal.arguments),
      status: 'PENDING',
      summary: redactor.redact(proposal.summary).text,
      lines: proposal.lines.map((line) => ({ ...line, notes: line.notes === null ? null : redactor.redact(line.notes).text })),
      totalCents: proposal.totalCents,
      currency: proposal.currency,
      promoCode: proposal.promoCode,
      expiresAt: new Date(createdAt.getTime() + this.options.ttlSeconds * 1000),
      orderId: null,
      errorCode: null,
      declineReason: null,
      createdAt,
      decidedAt: null,
    };
    await this.options.repository.insert(approval);
    return approval;
  }

  async pending(owner: Owner, conversationId: string): Promise<ToolApproval[]> {
    if (!isUuid(conversationId)) return [];
    return this.options.repository.pendingOf(owner, conversationId, this.now());
  }

  async find(owner: Owner, id: string): Promise<ToolApproval> {
    const approval = isUuid(id) ? await this.options.repository.find(owner, id) : null;
    if (!approval) throw approvalNotFound(id);
    return approval;
  }

  /**
   * Runs the call as the approving user. One conditional update claims the approval, so of concurrent approvals
   * exactly one runs the tool; the order's idempotency key is the approval's ID as well.
   */
  async approve(caller: ChatCaller, id: string): Promise<ToolApproval> {
    const owner: Owner = { tenantId: caller.tenantId, userId: caller.userId };
    const { repository } = this.options;
    const approval = await this.decidable(owner, id);
    // The asking turn stores its tool calls when it ends; the outcome is recorded on them afterwards.
    await this.options.settled?.(approval.messageId);
    const decidedAt = this.now();
    if (!(await repository.decide(owner, id, 'APPROVED', decidedAt))) return this.refuse(owner, id);

    const context = this.options.toolContext({
      authorization: caller.authorization,
      requestId: caller.requestId,
      ...owner,
      conversationId: approval.conversationId,
      turn: approval.turn,
      messages: [],
      approval: { id: approval.id, totalCents: approval.totalCents },
    });
    const run = await this.options.tools.invoke(approval.tool, JSON.stringify(approval.arguments), context, { approved: true });
    const orderId = run.ok ? (run.result as { orderId?: unknown } | null)?.orderId : undefined;
    const outcome = typeof orderId === 'string' ? { orderId } : { errorCode: run.ok ? 'TOOL_FAILED' : (run.cause ?? run.error.code) };
    if ('errorCode' in outcome)
      this.options.logger.warn({ approvalId: id, tool: approval.tool, errorCode: outcome.errorCode }, 'approved tool call failed');
    await repository.recordOutcome(owner, approval, outcome);
    return 'orderId' in outcome
      ? { ...approval, status: 'APPROVED', decidedAt, orderId: outcome.orderId }
      : { ...approval, status: 'FAILED', decidedAt, errorCode: outcome.errorCode };
  }

  async decline(owner: Owner, id: string, reason: string | undefined): Promise<ToolApproval> {
    const trimmed = reason?.trim() ?? '';
    if (trimmed.length > MAX_DECLINE_REASON_LENGTH)
      throw appError(ErrorCode.BadUserInput, `reason must be at most ${MAX_DECLINE_REASON_LENGTH} characters`, { argumentName: 'reason' });
    const { repository } = this.options;
    const approval = await this.decidable(owner, id);
    await this.options.settled?.(approval.messageId);
    const decidedAt = this.now();
    const declineReason = trimmed === '' ? null : new PiiRedactor(this.options.pii ?? {}).redact(trimmed).text;
    if (!(await repository.decide(owner, id, 'DECLINED', decidedAt, declineReason))) return this.refuse(owner, id);
    await repository.annotateToolCall(owner, approval, 'DECLINED');
    return { ...approval, status: 'DECLINED', decidedAt, declineReason };
  }

  /** The approval when it can still be decided; else the error saying why not. */
  private async decidable(owner: Owner, id: string): Promise<ToolApproval> {
    const approval = await this.find(owner, id);
    const status = effectiveStatus(approval, this.now());
    if (status === 'PENDING') return approval;
    if (status === 'EXPIRED') {
      await this.recordExpiry(owner, approval);
      throw approvalExpired(id);
    }
    throw approvalAlreadyDecided(id, status);
  }

  /** Another caller decided first, or the approval expired meanwhile. */
  private async refuse(owner: Owner, id: string): Promise<never> {
    await this.decidable(owner, id);
    throw approvalAlreadyDecided(id, 'PENDING');
  }

  private async recordExpiry(owner: Owner, approval: ToolApproval): Promise<void> {
    if (approval.status !== 'PENDING') return;
    await this.options.repository.expire(owner, approval.id, this.now());
    await this.options.repository.annotateToolCall(owner, approval, 'EXPIRED');
  }
}

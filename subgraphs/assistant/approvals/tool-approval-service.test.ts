import { describe, expect, it } from 'vitest';
import { createFakeSupergraphFetch, toolContextFor } from '../../../test/fakes/fake-supergraph.js';
import { createLogger } from '../../../platform/logger.js';
import { createAssistantToolRegistry } from '../tools/assistant-tools.js';
import type { ApprovalProposal } from '../tools/assistant-tool-context.js';
import type { ToolApproval } from './tool-approval.entity.js';
import type { ToolApprovalRepository } from './tool-approval-repository.js';
import { ToolApprovalService } from './tool-approval-service.js';

const owner = { tenantId: 'demo', userId: 'u1' };
const caller = { ...owner, authorization: 'Bearer user-token', requestId: 'req-1' };
const scope = { owner, conversationId: '0b7a3f1e-0000-4000-8000-000000000001', messageId: '0b7a3f1e-0000-4000-8000-000000000002', turn: 1 };
const line = { productId: '0b7a3f1e-0000-4000-8000-0000000000aa', name: 'Margherita', quantity: 2, unitPriceCents: 1050 };
const proposal: ApprovalProposal = {
  tool: 'confirm_order',
  arguments: { items: [{ productId: line.productId, quantity: 2, notes: 'ring +44 20 7946 0958' }] },
  summary: 'Place an order for 2 × Margherita, total 23.10 EUR.',
  lines: [{ ...line, lineTotalCents: 2100, notes: 'ring +44 20 7946 0958' }],
  totalCents: 2310,
  currency: 'EUR',
  promoCode: null,
};

/** The repository's contract in memory: conditional decisions on PENDING and unexpired. */
function memoryRepository() {
  const rows = new Map<string, ToolApproval>();
  const outcomes: unknown[] = [];
  const repository = {
    insert: async (approval: ToolApproval) => void rows.set(approval.id, { ...approval }),
    find: async (_owner: unknown, id: string) => rows.get(id) ?? null,
    decide: async (_owner: unknown, id: string, status: ToolApproval['status'], now: Date, declineReason: string | null = null) => {
      const row = rows.get(id);
      if (!row || row.status !== 'PENDING' || row.expiresAt <= now) return false;
      Object.assign(row, { status, decidedAt: now, declineReason });
      return true;
    },
    expire: async (_owner: unknown, id: string) => void Object.assign(rows.get(id)!, { status: 'EXPIRED' }),
    recordOutcome: async (_owner: unknown, approval: ToolApproval, outcome: unknown) => void outcomes.push({ id: approval.id, outcome }),
    annotateToolCall: async () => undefined,
  };
  return { rows, outcomes, repository: repository as unknown as ToolApprovalRepository };
}

function serviceWith(fetch: typeof globalThis.fetch, now: () => Date = () => new Date()) {
  const memory = memoryRepository();
  const service = new ToolApprovalService({
    repository: memory.repository,
    tools: createAssistantToolRegistry(),
    toolContext: (input) => ({ ...toolContextFor(fetch), ...input }),
    ttlSeconds: 60,
    logger: createLogger({ level: 'silent', service: 'test' }),
    now,
  });
  return { service, ...memory };
}

describe('ToolApprovalService', () => {
  it('stores the arguments, summary and notes redacted, so what runs is what was stored and shown', async () => {
    const { service, rows } = serviceWith(createFakeSupergraphFetch({ body: {} }).fetch);
    const approval = await service.request(scope, proposal);
    const stored = rows.get(approval.id)!;
    expect(JSON.stringify(stored)).not.toContain('7946');
    expect(stored.arguments).toEqual({ items: [{ productId: line.productId, quantity: 2, notes: 'ring [PHONE_1]' }] });
    expect(stored.lines[0]!.notes).toBe('ring [PHONE_1]');
    expect(stored).toMatchObject({ status: 'PENDING', ...owner, turn: 1, totalCents: 2310 });
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(60_000);
  });

  it('answers APPROVAL_EXPIRED after expiresAt and runs nothing', async () => {
    let now = new Date('2026-12-07T05:00:00Z');
    const fake = createFakeSupergraphFetch({ body: {} });
    const { service, rows } = serviceWith(fake.fetch, () => now);
    const approval = await service.request(scope, proposal);
    now = new Date('2026-12-07T05:01:00Z');
    await expect(service.approve(caller, approval.id)).rejects.toMatchObject({ extensions: { code: 'APPROVAL_EXPIRED' } });
    expect(rows.get(approval.id)!.status).toBe('EXPIRED');
    expect(fake.requests).toEqual([]);
  });

  it('records FAILED with QUOTE_CHANGED and orders nothing when the price moved since the user saw it', async () => {
    const quote = { lines: [{ ...line, notes: null }], subtotalCents: 2200, discountCents: 0, taxCents: 220, totalCents: 2420 };
    const fake = createFakeSupergraphFetch({
      body: { data: { quote: { ...quote, currency: 'EUR', taxRateBasisPoints: 1000, promotion: null } } },
    });
    const { service, outcomes } = serviceWith(fake.fetch);
    const approval = await service.request(scope, proposal);
    const decided = await service.approve(caller, approval.id);
    expect(decided).toMatchObject({ status: 'FAILED', errorCode: 'QUOTE_CHANGED', orderId: null });
    expect(outcomes).toEqual([{ id: approval.id, outcome: { errorCode: 'QUOTE_CHANGED' } }]);
    expect(fake.requests.some((request) => request.query.includes('createOrder'))).toBe(false);
  });

  it('stores a decline reason redacted, and refuses unknown or malformed ids as NOT_FOUND', async () => {
    const { service, rows } = serviceWith(createFakeSupergraphFetch({ body: {} }).fetch);
    const approval = await service.request(scope, proposal);
    await service.decline(owner, approval.id, 'write to me at jane@example.com');
    expect(rows.get(approval.id)).toMatchObject({ status: 'DECLINED', declineReason: 'write to me at [EMAIL_1]' });
    await expect(service.approve(caller, 'nope')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await expect(service.decline(owner, approval.id, undefined)).rejects.toMatchObject({
      extensions: { code: 'APPROVAL_ALREADY_DECIDED' },
    });
  });
});

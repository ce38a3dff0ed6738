import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { qualifiedTable } from './qualified-table.js';
import { countCustomerRedemptions } from './promotion-queries.js';
import { PromotionRedemptionEntity } from './promotion-redemption.entity.js';
import { PromotionEntity, type Promotion } from './promotion.entity.js';
import { checkCustomerLimit, checkPromotion, exhausted } from './promotion-rules.js';

export interface PromotionClaim {
  promotion: Pick<Promotion, 'id' | 'code'>;
  tenantId: string;
  orderId: string;
  customerId: string;
  subtotalCents: number;
  now: Date;
}

/**
 * Counts one use of a promotion, inside the transaction that creates the order (call it after the order row exists).
 *
 * The conditional increment is the arbiter: it only succeeds while the promotion is active, in its window and below
 * max_redemptions, and it row-locks the promotion until commit. A concurrent claim waits for that lock and then
 * re-checks the condition against the committed count (PostgreSQL READ COMMITTED re-evaluates the WHERE clause), so
 * the last slot is never sold twice. The per-customer count runs after the lock is held, so it sees every earlier
 * claim of the same promotion; failing it throws and the rollback undoes the increment.
 */
export async function claimPromotion(tx: EntityManager, claim: PromotionClaim): Promise<void> {
  const at = claim.now.toISOString();
  const [claimed] = await tx.execute<{ max_redemptions_per_customer: number | null }[]>(
    `update ${qualifiedTable(tx, 'promotions')} set redemptions = redemptions + 1, updated_at = now()
     where id = ? and tenant_id = ? and active
       and (max_redemptions is null or redemptions < max_redemptions)
       and (valid_from is null or valid_from <= ?::timestamptz) and (valid_until is null or valid_until > ?::timestamptz)
     returning max_redemptions_per_customer`,
    [claim.promotion.id, claim.tenantId, at, at],
  );
  if (!claimed) {
    // Say why, from the promotion as it is now: switched off or expired meanwhile, or (most likely) used up.
    const current = await tx.findOne(PromotionEntity, { id: claim.promotion.id, tenantId: claim.tenantId }, { refresh: true });
    checkPromotion(current, claim.promotion.code, { now: claim.now, subtotalCents: claim.subtotalCents });
    throw exhausted(claim.promotion.code);
  }
  if (claimed.max_redemptions_per_customer != null) {
    const used = await countCustomerRedemptions(tx, claim.promotion.id, claim.customerId);
    checkCustomerLimit({ code: claim.promotion.code, maxRedemptionsPerCustomer: claimed.max_redemptions_per_customer }, used);
  }
  tx.create(PromotionRedemptionEntity, {
    id: randomUUID(),
    tenantId: claim.tenantId,
    promotionId: claim.promotion.id,
    orderId: claim.orderId,
    customerId: claim.customerId,
    createdAt: claim.now,
    releasedAt: null,
  });
}

/**
 * Gives a cancelled order's promotion use back: the redemption is marked released (kept for the record) and the
 * promotion's count goes down, so the slot and the customer's allowance can be used again. Idempotent.
 */
export async function releasePromotion(tx: EntityManager, tenantId: string, orderId: string): Promise<void> {
  const released = await tx.execute<{ promotion_id: string }[]>(
    `update ${qualifiedTable(tx, 'promotion_redemptions')} set released_at = now() where tenant_id = ? and order_id = ? and released_at is null returning promotion_id`,
    [tenantId, orderId],
  );
  for (const { promotion_id } of released) {
    await tx.execute(`update ${qualifiedTable(tx, 'promotions')} set redemptions = redemptions - 1, updated_at = now() where tenant_id = ? and id = ? and redemptions > 0`, [tenantId, promotion_id]);
  }
}

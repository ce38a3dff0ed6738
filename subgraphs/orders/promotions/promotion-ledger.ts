import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import type { PromotionRepository } from './promotion-repository.js';
import type { Promotion } from './promotion.entity.js';
import { checkCustomerLimit, checkPromotion, exhausted } from './promotion-rules.js';

export interface PromotionClaim {
  promotion: Pick<Promotion, 'id' | 'code'>;
  tenantId: string;
  orderId: string;
  customerId: string;
  subtotalCents: number;
  now: Date;
}

/** Promotion uses as orders take and give them back, inside the order's transaction `tx`. */
export class PromotionLedger {
  constructor(private readonly promotions: PromotionRepository) {}

  /**
   * Counts one use of a promotion, inside the transaction that creates the order (call it after the order row exists).
   *
   * The conditional increment is the arbiter: it only succeeds while the promotion is active, in its window and below
   * max_redemptions, and it row-locks the promotion until commit. A concurrent claim waits for that lock and then
   * re-checks the condition against the committed count (PostgreSQL READ COMMITTED re-evaluates the WHERE clause), so
   * the last slot is never sold twice. The per-customer count runs after the lock is held, so it sees every earlier
   * claim of the same promotion; failing it throws and the rollback undoes the increment.
   */
  async claim(tx: EntityManager, claim: PromotionClaim): Promise<void> {
    const claimed = await this.promotions.incrementRedemptions(tx, claim.tenantId, claim.promotion.id, claim.now.toISOString());
    if (!claimed) {
      // Say why, from the promotion as it is now: switched off or expired meanwhile, or (most likely) used up.
      const current = await this.promotions.findCurrent(tx, claim.tenantId, claim.promotion.id);
      checkPromotion(current, claim.promotion.code, { now: claim.now, subtotalCents: claim.subtotalCents });
      throw exhausted(claim.promotion.code);
    }
    if (claimed.max_redemptions_per_customer != null) {
      const used = await this.promotions.countCustomerRedemptions(claim.promotion.id, claim.customerId, tx);
      checkCustomerLimit({ code: claim.promotion.code, maxRedemptionsPerCustomer: claimed.max_redemptions_per_customer }, used);
    }
    this.promotions.addRedemption(tx, {
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
  async release(tx: EntityManager, tenantId: string, orderId: string): Promise<void> {
    const released = await this.promotions.releaseRedemptions(tx, tenantId, orderId);
    for (const { promotion_id } of released) await this.promotions.decrementRedemptions(tx, tenantId, promotion_id);
  }
}

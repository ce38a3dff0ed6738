import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import type { ValidPromotionInput } from './promotion-input.js';
import { PromotionRedemptionEntity, type PromotionRedemption } from './promotion-redemption.entity.js';
import { PromotionEntity, type Promotion } from './promotion.entity.js';
import { PROMO_CODE_PATTERN } from './promotion-rules.js';
import { qualifiedTable } from './qualified-table.js';

/**
 * The promotions' data access: promotions and their redemptions. Every statement is scoped by tenant, except those
 * keyed by a promotion's ID, which already belongs to one tenant. Methods taking `tx` run in the caller's transaction
 * (the order's), so a claim or a release commits or rolls back with the order change.
 */
export class PromotionRepository {
  constructor(private readonly em: () => EntityManager) {}

  list(tenantId: string): Promise<Promotion[]> {
    return this.em().find(PromotionEntity, { tenantId }, { orderBy: { code: 'asc' } });
  }

  /** `code` must be normalised (upper-case); a code that cannot exist is not looked up. */
  async findByCode(tenantId: string, code: string, em: EntityManager = this.em()): Promise<Promotion | null> {
    if (!PROMO_CODE_PATTERN.test(code)) return null;
    return em.findOne(PromotionEntity, { tenantId, code });
  }

  /** Throws UniqueConstraintViolationException when the tenant already has the code. */
  async insert(tenantId: string, fields: ValidPromotionInput): Promise<Promotion> {
    const now = new Date();
    const em = this.em();
    const promotion = em.create(PromotionEntity, { id: randomUUID(), tenantId, ...fields, redemptions: 0, createdAt: now, updatedAt: now });
    await em.flush();
    return promotion;
  }

  /** Null when the tenant has no such code; writes only when `active` changes. */
  async setActive(tenantId: string, code: string, active: boolean): Promise<Promotion | null> {
    const em = this.em();
    const promotion = await this.findByCode(tenantId, code, em);
    if (promotion && promotion.active !== active) {
      promotion.active = active;
      promotion.updatedAt = new Date();
      await em.flush();
    }
    return promotion;
  }

  /** The customer's redemptions of a promotion that were not given back (by cancelling the order). */
  countCustomerRedemptions(promotionId: string, customerId: string, em: EntityManager = this.em()): Promise<number> {
    return em.count(PromotionRedemptionEntity, { promotionId, customerId, releasedAt: null });
  }

  /**
   * The conditional increment that arbitrates claims (see PromotionLedger.claim): counts one use while the promotion
   * is active, in its window at `at` and below max_redemptions, row-locking it until commit. Undefined when it is not.
   */
  async incrementRedemptions(
    tx: EntityManager,
    tenantId: string,
    promotionId: string,
    at: string,
  ): Promise<{ max_redemptions_per_customer: number | null } | undefined> {
    const [claimed] = await tx.execute<{ max_redemptions_per_customer: number | null }[]>(
      `update ${qualifiedTable(tx, 'promotions')} set redemptions = redemptions + 1, updated_at = now()
     where id = ? and tenant_id = ? and active
       and (max_redemptions is null or redemptions < max_redemptions)
       and (valid_from is null or valid_from <= ?::timestamptz) and (valid_until is null or valid_until > ?::timestamptz)
     returning max_redemptions_per_customer`,
      [promotionId, tenantId, at, at],
    );
    return claimed;
  }

  /** The promotion as committed now (bypassing what `tx` has already loaded). */
  findCurrent(tx: EntityManager, tenantId: string, promotionId: string): Promise<Promotion | null> {
    return tx.findOne(PromotionEntity, { id: promotionId, tenantId }, { refresh: true });
  }

  /** Records the order's use; written when `tx` commits. */
  addRedemption(tx: EntityManager, redemption: PromotionRedemption): void {
    tx.create(PromotionRedemptionEntity, redemption);
  }

  /** Marks the order's live redemptions released; returns the promotions whose count is to go down. */
  releaseRedemptions(tx: EntityManager, tenantId: string, orderId: string): Promise<{ promotion_id: string }[]> {
    return tx.execute<{ promotion_id: string }[]>(
      `update ${qualifiedTable(tx, 'promotion_redemptions')} set released_at = now() where tenant_id = ? and order_id = ? and released_at is null returning promotion_id`,
      [tenantId, orderId],
    );
  }

  async decrementRedemptions(tx: EntityManager, tenantId: string, promotionId: string): Promise<void> {
    await tx.execute(
      `update ${qualifiedTable(tx, 'promotions')} set redemptions = redemptions - 1, updated_at = now() where tenant_id = ? and id = ? and redemptions > 0`,
      [tenantId, promotionId],
    );
  }

  /** Demo seeding: inserts the rows whose ID does not exist yet; existing ones stay as the tenant changed them. */
  async insertMissing(rows: Promotion[]): Promise<void> {
    await this.em().upsertMany(PromotionEntity, rows, { onConflictFields: ['id'], onConflictAction: 'ignore' });
  }
}

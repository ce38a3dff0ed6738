import type { EntityManager } from '@mikro-orm/sql';
import { PromotionRedemptionEntity } from './promotion-redemption.entity.js';
import { PromotionEntity, type Promotion } from './promotion.entity.js';
import { PROMO_CODE_PATTERN } from './promotion-rules.js';

/** `code` must be normalised (upper-case); a code that cannot exist is not looked up. */
export async function findPromotionByCode(em: EntityManager, tenantId: string, code: string): Promise<Promotion | null> {
  if (!PROMO_CODE_PATTERN.test(code)) return null;
  return em.findOne(PromotionEntity, { tenantId, code });
}

/** The customer's redemptions of a promotion that were not given back (by cancelling the order). */
export function countCustomerRedemptions(em: EntityManager, promotionId: string, customerId: string): Promise<number> {
  return em.count(PromotionRedemptionEntity, { promotionId, customerId, releasedAt: null });
}

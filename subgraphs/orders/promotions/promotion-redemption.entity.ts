import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One order's use of a promotion; `releasedAt` is set when the order is cancelled and the use is given back. */
export const PromotionRedemptionEntity = defineEntity({
  name: 'PromotionRedemption',
  tableName: 'promotion_redemptions',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    promotionId: p.uuid(),
    orderId: p.uuid().unique(),
    customerId: p.string(),
    createdAt: p.datetime(),
    releasedAt: p.datetime().nullable(),
  },
});

export type PromotionRedemption = InferEntity<typeof PromotionRedemptionEntity>;

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const PROMOTION_KINDS = ['PERCENT', 'FIXED'] as const;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];

/**
 * A tenant's promotion code. `value` is basis points for PERCENT (1000 = 10%) and cents for FIXED. `redemptions`
 * counts live redemptions; it only changes through the atomic updates in promotion-repository.ts (run by PromotionLedger).
 */
export const PromotionEntity = defineEntity({
  name: 'Promotion',
  tableName: 'promotions',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string(),
    code: p.string(),
    kind: p.enum(PROMOTION_KINDS),
    value: p.integer(),
    minSubtotalCents: p.integer().default(0),
    validFrom: p.datetime().nullable(),
    validUntil: p.datetime().nullable(),
    maxRedemptions: p.integer().nullable(),
    maxRedemptionsPerCustomer: p.integer().nullable(),
    redemptions: p.integer().default(0),
    active: p.boolean().default(true),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type Promotion = InferEntity<typeof PromotionEntity>;

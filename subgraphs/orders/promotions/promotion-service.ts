import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { appError } from '../../../platform/errors.js';
import { validatePromotionInput, type PromotionInput } from './promotion-input.js';
import { findPromotionByCode } from './promotion-queries.js';
import { normalizePromoCode } from './promotion-rules.js';
import { PromotionEntity, type Promotion } from './promotion.entity.js';

export type { PromotionInput };

/** Staff and admin management of a tenant's promotions; callers check the role, every query is tenant-scoped here. */
export class PromotionService {
  constructor(private readonly em: () => EntityManager) {}

  list(tenantId: string): Promise<Promotion[]> {
    return this.em().find(PromotionEntity, { tenantId }, { orderBy: { code: 'asc' } });
  }

  async create(tenantId: string, input: PromotionInput): Promise<Promotion> {
    const valid = validatePromotionInput(input);
    const now = new Date();
    const em = this.em();
    const promotion = em.create(PromotionEntity, { id: randomUUID(), tenantId, ...valid, redemptions: 0, createdAt: now, updatedAt: now });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw appError('PROMO_CODE_TAKEN', `There already is a promotion with the code ${valid.code}`, { promoCode: valid.code });
      }
      throw error;
    }
    return promotion;
  }

  /** Switching a code off stops new orders from using it; orders that used it keep their discount. */
  async setActive(tenantId: string, code: string, active: boolean): Promise<Promotion> {
    const normalized = normalizePromoCode(code);
    const em = this.em();
    const promotion = await findPromotionByCode(em, tenantId, normalized);
    if (!promotion) throw appError('PROMO_NOT_FOUND', `There is no promotion with the code ${normalized}`, { promoCode: normalized });
    if (promotion.active !== active) {
      promotion.active = active;
      promotion.updatedAt = new Date();
      await em.flush();
    }
    return promotion;
  }
}

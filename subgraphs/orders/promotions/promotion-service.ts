import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { appError } from '../../../platform/errors.js';
import { validatePromotionInput, type PromotionInput } from './promotion-input.js';
import type { PromotionRepository } from './promotion-repository.js';
import { normalizePromoCode } from './promotion-rules.js';
import type { Promotion } from './promotion.entity.js';

export type { PromotionInput };

/** Staff and admin management of a tenant's promotions; callers check the role, the repository scopes by tenant. */
export class PromotionService {
  constructor(private readonly promotions: PromotionRepository) {}

  list(tenantId: string): Promise<Promotion[]> {
    return this.promotions.list(tenantId);
  }

  async create(tenantId: string, input: PromotionInput): Promise<Promotion> {
    const valid = validatePromotionInput(input);
    try {
      return await this.promotions.insert(tenantId, valid);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw appError('PROMO_CODE_TAKEN', `There already is a promotion with the code ${valid.code}`, { promoCode: valid.code });
      }
      throw error;
    }
  }

  /** Switching a code off stops new orders from using it; orders that used it keep their discount. */
  async setActive(tenantId: string, code: string, active: boolean): Promise<Promotion> {
    const normalized = normalizePromoCode(code);
    const promotion = await this.promotions.setActive(tenantId, normalized, active);
    if (!promotion) throw appError('PROMO_NOT_FOUND', `There is no promotion with the code ${normalized}`, { promoCode: normalized });
    return promotion;
  }
}

import type { Principal } from '../../../platform/auth/principal.js';
import { appError, ErrorCode } from '../../../platform/errors.js';
import type { ProductRepository } from '../catalog/product-repository.js';
import type { OrderLine } from '../ordering/order.entity.js';
import type { NormalizedOrderRequest } from '../ordering/order-request.js';
import type { PromotionRepository } from '../promotions/promotion-repository.js';
import { checkCustomerLimit, checkPromotion, discountFor } from '../promotions/promotion-rules.js';
import type { Promotion } from '../promotions/promotion.entity.js';
import { isUuid } from '../../../platform/is-uuid.js';
import { computeTotals, subtotalOf, type OrderTotals } from './pricing.js';
import type { TenantSettingsRepository } from './tenant-settings-repository.js';

export interface PricedOrder extends OrderTotals {
  lines: OrderLine[];
  currency: string;
  taxRateBp: number;
  /** The promotion applied, checked against the cart, the time and the customer's previous uses. */
  promotion: Promotion | null;
}

/**
 * Prices a cart from the current catalog, the tenant's tax rate and the promotion, writing nothing: quote answers with
 * it as is, and createOrder stores it (the promotion's use is then claimed atomically in the order's transaction).
 * Products are read from the database, not the catalog cache: an order is priced from committed data.
 */
export class OrderPricer {
  constructor(
    private readonly products: ProductRepository,
    private readonly settings: TenantSettingsRepository,
    private readonly promotions: PromotionRepository,
  ) {}

  async price(principal: Principal, request: NormalizedOrderRequest, now: Date): Promise<PricedOrder> {
    const { lines, currency } = await this.priceLines(principal.tenantId, request.items);
    const settings = await this.settings.find(principal.tenantId);
    const taxRateBp = settings?.taxRateBp ?? 0;
    let promotion: Promotion | null = null;
    let discountCents = 0;
    if (request.promoCode) {
      const subtotalCents = subtotalOf(lines);
      promotion = await this.promotions.findByCode(principal.tenantId, request.promoCode);
      checkPromotion(promotion, request.promoCode, { now, subtotalCents });
      if (promotion.maxRedemptionsPerCustomer != null)
        checkCustomerLimit(promotion, await this.promotions.countCustomerRedemptions(promotion.id, principal.userId));
      discountCents = discountFor(promotion, subtotalCents);
    }
    return { lines, currency, taxRateBp, promotion, ...computeTotals(lines, discountCents, taxRateBp) };
  }

  /** Lines with the product's name and price as they are now (snapshots for the order). */
  private async priceLines(tenantId: string, items: NormalizedOrderRequest['items']): Promise<{ lines: OrderLine[]; currency: string }> {
    const ids = [...new Set(items.map((item) => item.productId))].filter(isUuid);
    const products = ids.length ? await this.products.findByIds(tenantId, ids) : [];
    const byId = new Map(products.flatMap((product) => (product ? [[product.id, product] as const] : [])));
    const currencies = new Set<string>();
    const lines = items.map((item) => {
      const product = byId.get(item.productId);
      if (!product) throw appError('PRODUCT_NOT_FOUND', `Product ${item.productId} does not exist`, { productId: item.productId });
      if (!product.available)
        throw appError('PRODUCT_UNAVAILABLE', `${product.name} is not available right now`, { productId: product.id });
      currencies.add(product.currency);
      return { productId: product.id, name: product.name, unitPriceCents: product.priceCents, quantity: item.quantity, notes: item.notes };
    });
    if (currencies.size > 1) throw appError(ErrorCode.BadUserInput, 'All items of an order must share one currency');
    return { lines, currency: [...currencies][0]! };
  }
}

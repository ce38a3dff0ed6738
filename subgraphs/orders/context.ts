import DataLoader from 'dataloader';
import type { RequestContext } from '../../platform/request-context.js';
import type { CatalogProduct } from './catalog/catalog-product.js';
import type { Order } from './ordering/order.entity.js';
import type { CatalogService } from './catalog/catalog-service.js';
import type { OrderEventStream } from './ordering/order-event-stream.js';
import type { OrderService } from './ordering/order-service.js';
import type { PromotionService } from './promotions/promotion-service.js';
import { requirePrincipal } from '../../platform/auth/require-principal.js';

export interface OrdersServices {
  catalog: CatalogService;
  orders: OrderService;
  orderEvents: OrderEventStream;
  promotions: PromotionService;
}

export interface OrdersContext extends RequestContext, OrdersServices {
  /** Per-request batching: N entity references or order lines cost one query. */
  productById: DataLoader<string, CatalogProduct | null>;
  orderById: DataLoader<string, Order | null>;
}

export function createOrdersContext(caller: RequestContext, services: OrdersServices): OrdersContext {
  return {
    ...caller,
    ...services,
    productById: new DataLoader((ids) => services.catalog.productsByIds(requirePrincipal(caller).tenantId, ids)),
    orderById: new DataLoader((ids) => services.orders.ordersByIds(requirePrincipal(caller), ids)),
  };
}

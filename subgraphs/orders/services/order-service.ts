import { createHash, randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { hasRole, type Principal } from '../../../platform/auth/principal.js';
import { appError, ErrorCode } from '../../../platform/errors.js';
import { OrderEntity, type Order, type OrderLine } from '../entities/order.entity.js';
import { ProductEntity } from '../entities/product.entity.js';
import { isUuid } from './catalog-service.js';
import { appendOrderEvent } from '../outbox/append-order-event.js';

export interface OrderItemRequest {
  productId: string;
  quantity: number;
  notes?: string | null;
}

const MAX_LINES = 50;
const MAX_QUANTITY = 99;
const MAX_NOTES = 500;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export class OrderService {
  constructor(
    private readonly em: () => EntityManager,
    /** Told after each commit that wrote outbox rows (wakes the relay). */
    private readonly onOutboxWritten: () => void = () => undefined,
  ) {}

  /**
   * Idempotent by (tenant, key): the unique index decides between concurrent duplicates, and a replay with the same
   * payload returns the stored order while a different payload is refused.
   */
  async createOrder(principal: Principal, items: OrderItemRequest[], idempotencyKey: string): Promise<Order> {
    validateRequest(items, idempotencyKey);
    const requestHash = hashRequest(items);
    const replay = await this.findByIdempotencyKey(principal, idempotencyKey, requestHash);
    if (replay) return replay;

    const lines = await this.priceLines(principal.tenantId, items);
    const subtotalCents = lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
    const now = new Date();
    const fields = {
      id: randomUUID(),
      tenantId: principal.tenantId,
      customerId: principal.userId,
      status: 'PENDING',
      lines,
      subtotalCents,
      totalCents: subtotalCents,
      currency: lines[0]!.currency,
      idempotencyKey,
      requestHash,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    let order: Order;
    try {
      order = await this.em().transactional(async (tx) => {
        const created = tx.create(OrderEntity, fields as never) as Order;
        appendOrderEvent(tx, 'ORDER_CREATED', created);
        return created;
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const winner = await this.findByIdempotencyKey(principal, idempotencyKey, requestHash);
      if (winner) return winner;
      throw error;
    }
    this.onOutboxWritten();
    return order;
  }

  /** Customers see their own orders; staff and admins see the tenant's. Anything else looks missing. */
  async getOrder(principal: Principal, id: string): Promise<Order | null> {
    if (!isUuid(id)) return null;
    const order = await this.em().findOne(OrderEntity, { id, tenantId: principal.tenantId });
    return order && canSee(principal, order) ? order : null;
  }

  async ordersByIds(principal: Principal, ids: readonly string[]): Promise<(Order | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.em().find(OrderEntity, { tenantId: principal.tenantId, id: { $in: valid } }) : [];
    const byId = new Map(rows.filter((row) => canSee(principal, row)).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  private async findByIdempotencyKey(principal: Principal, idempotencyKey: string, requestHash: string): Promise<Order | null> {
    const existing = await this.em().findOne(OrderEntity, { tenantId: principal.tenantId, idempotencyKey });
    if (!existing) return null;
    if (existing.requestHash !== requestHash || existing.customerId !== principal.userId) {
      throw appError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different order; use a new key for a new order');
    }
    return existing;
  }

  private async priceLines(tenantId: string, items: OrderItemRequest[]): Promise<(OrderLine & { currency: string })[]> {
    const ids = [...new Set(items.map((item) => item.productId))];
    const products = await this.em().find(ProductEntity, { tenantId, id: { $in: ids.filter(isUuid) } });
    const byId = new Map(products.map((product) => [product.id, product]));
    const lines = items.map((item) => {
      const product = byId.get(item.productId);
      if (!product) throw appError('PRODUCT_NOT_FOUND', `Product ${item.productId} does not exist`, { productId: item.productId });
      if (!product.available) throw appError('PRODUCT_UNAVAILABLE', `${product.name} is not available right now`, { productId: product.id });
      return { productId: product.id, name: product.name, unitPriceCents: product.priceCents, quantity: item.quantity, notes: item.notes?.trim() || null, currency: product.currency };
    });
    if (new Set(lines.map((line) => line.currency)).size > 1) throw appError(ErrorCode.BadUserInput, 'All items of an order must share one currency');
    return lines;
  }
}

function canSee(principal: Principal, order: Order): boolean {
  return order.tenantId === principal.tenantId && (order.customerId === principal.userId || hasRole(principal, 'staff', 'admin'));
}

function validateRequest(items: OrderItemRequest[], idempotencyKey: string): void {
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw appError(ErrorCode.BadUserInput, 'idempotencyKey must be 8-128 characters of letters, digits, ".", "_", ":" or "-"', { argumentName: 'idempotencyKey' });
  }
  if (items.length === 0 || items.length > MAX_LINES) throw appError(ErrorCode.BadUserInput, `An order needs 1 to ${MAX_LINES} items`);
  for (const item of items) {
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_QUANTITY) {
      throw appError(ErrorCode.BadUserInput, `quantity must be between 1 and ${MAX_QUANTITY}`, { productId: item.productId });
    }
    if (item.notes && item.notes.length > MAX_NOTES) throw appError(ErrorCode.BadUserInput, `notes are limited to ${MAX_NOTES} characters`);
  }
}

function hashRequest(items: OrderItemRequest[]): string {
  const canonical = items.map((item) => [item.productId, item.quantity, item.notes?.trim() || null]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

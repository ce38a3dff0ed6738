import { z } from 'zod';

/**
 * order_v1, the orders subgraph's events on the bus: one definition, imported by the producer (the orders outbox)
 * and every consumer (the observability subgraph's order activity).
 */
export const ORDER_EVENTS_STREAM = 'order-events';

export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'COMPLETED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_EVENT_TYPES = ['ORDER_CREATED', 'ORDER_STATUS_CHANGED'] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

const orderLineSchema = z.object({
  productId: z.uuid(),
  name: z.string().min(1),
  unitPriceCents: z.number().int().nonnegative(),
  quantity: z.number().int().positive(),
  notes: z.string().nullable(),
});

/** The order as of the event; enough for a subscriber to render it without a lookup. */
export const orderSnapshotSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(ORDER_STATUSES),
    customerId: z.string().min(1),
    lines: z.array(orderLineSchema).min(1),
    subtotalCents: z.number().int().nonnegative(),
    discountCents: z.number().int().nonnegative(),
    taxCents: z.number().int().nonnegative(),
    totalCents: z.number().int().nonnegative(),
    promoCode: z.string().min(1).nullable(),
    currency: z.string().length(3),
    version: z.number().int().positive(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .loose();

/** order_v1: checked before it is written, so a malformed event never reaches the outbox (or any consumer). */
export const orderEventSchema = z.object({
  schema: z.literal('order_v1'),
  eventId: z.uuid(),
  type: z.enum(ORDER_EVENT_TYPES),
  tenantId: z.string().min(1),
  orderId: z.uuid(),
  orderVersion: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  customerId: z.string().min(1),
  previousStatus: z.enum(ORDER_STATUSES).nullable(),
  order: orderSnapshotSchema,
});

export type OrderEventV1 = z.infer<typeof orderEventSchema>;
/** What travels as the bus event's payload (the envelope carries eventId, type, tenantId and occurredAt). */
export type OrderEventPayload = Omit<OrderEventV1, 'eventId' | 'type' | 'tenantId' | 'occurredAt'>;

/** An order event as a consumer reads it from the bus: the envelope the bus adds, and order_v1 as its payload. */
export const orderBusEventSchema = z.object({
  eventId: z.uuid(),
  type: z.enum(ORDER_EVENT_TYPES),
  tenantId: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  payload: orderEventSchema.omit({ eventId: true, type: true, tenantId: true, occurredAt: true }),
});

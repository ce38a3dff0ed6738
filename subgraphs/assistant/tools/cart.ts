import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AssistantOrderLineFragment, CreateOrderInput } from './generated/graphql.js';

/** The cart shape shared by apply_promos and confirm_order; mirrors the supergraph's `CreateOrderInput`. */
export const cartParameters = z.object({
  items: z
    .array(
      z.object({
        productId: z.string().min(1).describe('Product id from retrieve_menu'),
        quantity: z.number().int().min(1).max(50),
        notes: z.string().max(200).optional().describe('e.g. "no onions"'),
      }),
    )
    .min(1)
    .max(30)
    .describe('The items the user chose, with product ids from retrieve_menu'),
  promoCode: z.string().min(1).max(32).optional().describe('A promotion code the user gave, exactly as typed'),
});

export type Cart = z.output<typeof cartParameters>;

/** `CreateOrderInput` without undefined fields (GraphQL variables are JSON). */
export function toOrderInput(cart: Cart): CreateOrderInput {
  return {
    items: cart.items.map((item) => ({
      productId: item.productId,
      quantity: item.quantity,
      ...(item.notes === undefined ? {} : { notes: item.notes }),
    })),
    ...(cart.promoCode === undefined ? {} : { promoCode: cart.promoCode }),
  };
}

/** The same cart in any item order hashes the same, so the model re-ordering lines cannot place a second order. */
export function cartHash(cart: Cart): string {
  const items = cart.items
    .map((item) => [item.productId, item.quantity, item.notes ?? ''] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify({ items, promoCode: cart.promoCode?.toUpperCase() ?? null });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** An order or quote line as the tools read it (operations/order-line.graphql). */
export type OrderLineData = AssistantOrderLineFragment;

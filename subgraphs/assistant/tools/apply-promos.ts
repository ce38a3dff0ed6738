import { supergraphRequest, type AssistantToolContext } from './assistant-tool-context.js';
import { cartParameters, toOrderInput, type Cart, type OrderLineData } from './cart.js';
import { AssistantQuoteDocument, type AssistantQuoteQuery } from './generated/graphql.js';
import { formatMoney } from './money.js';
import { defineTool } from './tool-registry.js';

/** The orders subgraph's price of a cart, typed from operations/quote.graphql. */
export type Quote = AssistantQuoteQuery['quote'];

export interface QuoteResult {
  lines: OrderLineData[];
  promoCode: string | null;
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  totalCents: number;
  currency: string;
  /** The same amounts formatted, so the model quotes them instead of computing. */
  formatted: { subtotal: string; discount: string; tax: string; total: string };
}

/** The orders subgraph's price for the cart, computed exactly as `createOrder` would charge it. */
export async function quoteCart(cart: Cart, context: AssistantToolContext, signal: AbortSignal): Promise<Quote> {
  const { quote } = await supergraphRequest(context, AssistantQuoteDocument, { input: toOrderInput(cart) }, signal);
  return quote;
}

/**
 * Prices a cart (with an optional promotion code) exactly as an order would be priced, without placing it.
 * Promotion problems come back as the orders subgraph's errors (PROMO_*), phrased for the user.
 */
export const applyPromosTool = defineTool({
  name: 'apply_promos',
  description:
    'Prices the cart exactly as the order would be charged, applying a promotion code if the user gave one. Call it to tell the user a total, and always before asking them to confirm an order. It places nothing.',
  parameters: cartParameters,
  timeoutMs: 5_000,
  async execute(cart, context: AssistantToolContext, signal): Promise<QuoteResult> {
    const quote = await quoteCart(cart, context, signal);
    return {
      lines: quote.lines,
      promoCode: quote.promotion?.code ?? null,
      subtotalCents: quote.subtotalCents,
      discountCents: quote.discountCents,
      taxCents: quote.taxCents,
      totalCents: quote.totalCents,
      currency: quote.currency,
      formatted: {
        subtotal: formatMoney(quote.subtotalCents, quote.currency),
        discount: formatMoney(quote.discountCents, quote.currency),
        tax: formatMoney(quote.taxCents, quote.currency),
        total: formatMoney(quote.totalCents, quote.currency),
      },
    };
  },
});

import { quoteMarker } from './compose-answer.js';
import type { ConversationView, ToolExchange } from './conversation-view.js';
import type { OfflineMenuItem } from './menu-matching.js';

export interface CartArgs {
  items: { productId: string; quantity: number; notes?: string }[];
  promoCode?: string;
}

/** A cart remembered only from the text of an earlier quote: names, to be resolved to ids against the menu again. */
export interface QuotedCart {
  lines: { name: string; quantity: number; notes?: string }[];
  promoCode?: string;
}

export type OpenCart = { kind: 'ids'; cart: CartArgs } | { kind: 'names'; cart: QuotedCart };

/**
 * The cart of the latest quote in earlier turns, unless an order was placed after it (a confirm_order call whose
 * approval placed the order: its stored result then carries the order id). A request still waiting, declined or
 * expired leaves the cart open. Tool calls in the history are preferred; when the history holds only text, the quote
 * the offline model itself wrote is read back.
 */
export function findOpenCart(view: ConversationView): OpenCart | undefined {
  const fromTools = cartFromToolCalls(view.earlier);
  if (fromTools === 'placed') return undefined;
  if (fromTools) return { kind: 'ids', cart: fromTools };
  const fromText = cartFromQuoteText(view.earlierAssistantTexts);
  return fromText ? { kind: 'names', cart: fromText } : undefined;
}

function cartFromToolCalls(earlier: readonly ToolExchange[]): CartArgs | 'placed' | undefined {
  for (let i = earlier.length - 1; i >= 0; i -= 1) {
    const exchange = earlier[i]!;
    if (exchange.name === 'confirm_order' && exchange.ok && typeof (exchange.result as { orderId?: unknown })?.orderId === 'string')
      return 'placed';
    if (exchange.name === 'apply_promos' && exchange.ok && Array.isArray(exchange.args['items'])) {
      const promoCode = exchange.args['promoCode'];
      return { items: exchange.args['items'] as CartArgs['items'], ...(typeof promoCode === 'string' ? { promoCode } : {}) };
    }
  }
  return undefined;
}

/** Matches the lines `composeQuote` writes: "- 2 × Margherita" or "- 1 × Cola, note: no ice". */
const quoteLinePattern = /^- (\d+) × (.+?)(?:, note: (.*))?$/;

function cartFromQuoteText(texts: readonly string[]): QuotedCart | undefined {
  for (let i = texts.length - 1; i >= 0; i -= 1) {
    const text = texts[i]!;
    if (!text.startsWith(quoteMarker)) continue;
    const lines = text.split('\n').flatMap((line) => {
      const match = quoteLinePattern.exec(line);
      if (!match) return [];
      return [{ name: match[2]!, quantity: Number(match[1]), ...(match[3] ? { notes: match[3] } : {}) }];
    });
    const promoCode = /^Discount \(([^)]+)\)/m.exec(text)?.[1];
    return lines.length > 0 ? { lines, ...(promoCode ? { promoCode } : {}) } : undefined;
  }
  return undefined;
}

/** Resolves quoted names to today's product ids; undefined when any item is no longer on the menu. */
export function resolveQuotedCart(cart: QuotedCart, menu: readonly OfflineMenuItem[]): CartArgs | undefined {
  const byName = new Map(menu.map((item) => [item.name.toLowerCase(), item]));
  const items: CartArgs['items'] = [];
  for (const line of cart.lines) {
    const item = byName.get(line.name.toLowerCase());
    if (!item) return undefined;
    items.push({ productId: item.id, quantity: line.quantity, ...(line.notes ? { notes: line.notes } : {}) });
  }
  return { items, ...(cart.promoCode ? { promoCode: cart.promoCode } : {}) };
}

import type { Quote } from './apply-promos.js';
import type { OrderLineData } from './cart.js';
import { formatMoney } from './money.js';

export interface PricedLine {
  productId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
  notes: string | null;
}

export function priceLines(lines: readonly OrderLineData[]): PricedLine[] {
  return lines.map((line) => ({
    productId: line.productId,
    name: line.name,
    quantity: line.quantity,
    unitPriceCents: line.unitPriceCents,
    lineTotalCents: line.unitPriceCents * line.quantity,
    notes: line.notes,
  }));
}

/** One sentence a person can approve: "Place an order for 2 × Margherita and 1 × Cola, total 19.80 EUR with promotion WELCOME10." */
export function describeOrder(quote: Quote): string {
  const items = quote.lines.map((line) => `${line.quantity} × ${line.name}`);
  const listed = items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? 'nothing');
  const promotion = quote.promotion ? ` with promotion ${quote.promotion.code}` : '';
  return `Place an order for ${listed}, total ${formatMoney(quote.totalCents, quote.currency)}${promotion}.`;
}

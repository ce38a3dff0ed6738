import { createTextAnalyzer } from '../../../platform/text/text-analyzer.js';

const analyze = createTextAnalyzer();

/** The fields of a retrieve_menu item the offline model reads. */
export interface OfflineMenuItem {
  id: string;
  name: string;
  price: string;
  priceCents: number;
  category: string;
  vegan: boolean;
  vegetarian: boolean;
  glutenFree: boolean;
  available: boolean;
  allergens: string[];
}

export interface RequestedLine {
  item: OfflineMenuItem;
  quantity: number;
}

const numberWords: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  couple: 2,
  pair: 2,
};

/**
 * Finds menu items named in an order request ("two margherita and a cola, please"). The message is split at "and" and
 * commas; each part names at most one item: the one whose name terms (stemmed) it contains most completely, counted
 * only when at least half of the name is there. A number or number word in the part is its quantity (default 1).
 */
export function matchRequestedItems(userMessage: string, menu: readonly OfflineMenuItem[]): RequestedLine[] {
  const lines = new Map<string, RequestedLine>();
  for (const part of userMessage.toLowerCase().split(/,|;|\band\b|\bplus\b|\bwith\s+(?=\d|a\b|an\b|one\b|two\b)/)) {
    const terms = new Set(analyze(part));
    let best: { item: OfflineMenuItem; coverage: number; matched: number } | undefined;
    for (const item of menu) {
      const nameTerms = [...new Set(analyze(item.name))];
      if (nameTerms.length === 0) continue;
      const matched = nameTerms.filter((term) => terms.has(term)).length;
      const coverage = matched / nameTerms.length;
      if (matched === 0 || coverage < 0.5) continue;
      if (!best || coverage > best.coverage || (coverage === best.coverage && matched > best.matched)) best = { item, coverage, matched };
    }
    if (!best) continue;
    const quantity = quantityIn(part);
    const existing = lines.get(best.item.id);
    lines.set(best.item.id, { item: best.item, quantity: (existing?.quantity ?? 0) + quantity });
  }
  return [...lines.values()];
}

function quantityIn(part: string): number {
  const digits = /\b(\d{1,2})\s*(?:x\b|×)?/.exec(part);
  if (digits) return Math.min(50, Math.max(1, Number(digits[1])));
  for (const word of part.match(/[a-z]+/g) ?? []) {
    const value = numberWords[word];
    if (value !== undefined) return value;
  }
  return 1;
}

/**
 * Small word lists for local, explainable conversation analysis. They are tuned to a food-ordering chat, not to
 * language in general: good enough to route, tag and summarise; not a sentiment model.
 */
export const positiveWords: ReadonlySet<string> = new Set([
  'great',
  'good',
  'thanks',
  'thank',
  'love',
  'lovely',
  'perfect',
  'awesome',
  'excellent',
  'delicious',
  'tasty',
  'nice',
  'amazing',
  'happy',
  'fantastic',
  'wonderful',
  'brilliant',
  'yum',
  'best',
  'glad',
  'helpful',
  'fast',
]);

export const negativeWords: ReadonlySet<string> = new Set([
  'bad',
  'terrible',
  'awful',
  'cold',
  'late',
  'wrong',
  'missing',
  'angry',
  'disappointed',
  'disappointing',
  'worst',
  'horrible',
  'hate',
  'slow',
  'never',
  'refund',
  'complaint',
  'complain',
  'sick',
  'raw',
  'burnt',
  'rude',
  'unacceptable',
  'broken',
  'stale',
  'upset',
  'annoyed',
  'problem',
  'issue',
]);

/** Flip the polarity of the next sentiment word within a short window. */
export const negators: ReadonlySet<string> = new Set([
  'not',
  'no',
  "don't",
  'dont',
  "isn't",
  'isnt',
  "wasn't",
  'wasnt',
  'never',
  "didn't",
  'didnt',
]);

export const intentPatterns = {
  browse_menu: /\b(?:menu|what\s+do\s+you\s+(?:have|serve|sell)|price|prices|how\s+much|vegan|vegetarian|gluten|dish|dishes)\b/,
  place_order: /\b(?:i(?:'d| would)?\s+like|i\s+want|order|add|get\s+me|confirm|place)\b/,
  promotion: /\b(?:promo|coupon|discount|voucher|code)\b/,
  policy_question: /\b(?:policy|refund|allergen|allergy|allergies|opening|open|hours|delivery|deliver|cancel|return)\b/,
  order_status: /\b(?:where\s+is\s+my|status|track|tracking|how\s+long|eta)\b/,
  complaint: /\b(?:complain|complaint|cold|late|wrong|missing|refund|terrible|awful|disappointed)\b/,
  greeting: /^(?:hi|hello|hey|good\s+(?:morning|afternoon|evening))\b/,
} as const satisfies Record<string, RegExp>;

export type ConversationIntent = keyof typeof intentPatterns;

export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z][a-z']*/g) ?? [];
}

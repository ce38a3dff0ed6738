/**
 * What the user's latest message asks for, decided by ordered keyword rules (the first match wins). Only the user's
 * own message is read here: text in tool results can never produce an intent. No intent places an order: asking to
 * order ends in an approval request, and only the user's approveToolCall places it (docs/security.md, "Tool approvals"),
 * so a stray "confirm" or "go ahead" (in a question, or pasted from a document) is never consent.
 */
export type Intent =
  | { kind: 'summarize' }
  | { kind: 'place-order'; promoCode: string | undefined }
  | { kind: 'consent-in-text' }
  | { kind: 'apply-promo'; promoCode: string }
  | { kind: 'order-items'; promoCode: string | undefined }
  | { kind: 'knowledge'; query: string }
  | { kind: 'menu'; filters: MenuFilters }
  | { kind: 'small-talk' };

export interface MenuFilters {
  vegan?: true;
  vegetarian?: true;
  glutenFree?: true;
  /** Food words left after removing question words, e.g. "pizza" from "which pizzas do you have?". */
  text?: string;
}

const summarizePattern = /\b(?:summari[sz]e|summary|recap|sum\s+up)\b/;
const promoPattern =
  /\b(?:promo(?:tion)?\s*code|coupon(?:\s+code)?|voucher(?:\s+code)?|discount\s+code|apply\s+(?:the\s+)?code|apply|code)\s*[:=]?\s*["'“]?([A-Za-z0-9][A-Za-z0-9_-]{2,31})\b/gi;
const declinePattern = /\b(?:don'?t|do\s+not|not\s+yet|never\s*mind|cancel|stop|wait|hold\s+on)\b|^no\b/;
/** Asking to place the cart already priced ("place the order", "order it", "check out"). */
const placeOrderPattern =
  /\b(?:place|submit|send)\s+(?:the|my|this|our)\s+order\b|\border\s+(?:it|that|this|them)\b|\bcheck\s*out\b|^(?:yes|yep|yeah|ok|okay|sure)\b[\s,!.]*(?:please\s+)?order\b/;
/** Polite instructions that read as questions: "could you place the order?". */
const politeRequestPattern =
  /^(?:please\s+)?(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:place|submit|send)\s+(?:the|my|this|our)\s+order\b/;
/** Words of agreement typed as if they were consent; consent is the approval, so they only get an explanation. */
const consentWordsPattern = /\b(?:confirm(?:ed)?|go\s+ahead|do\s+it|yes|yep|yeah|approve[ds]?|agreed?)\b/;
const orderPattern =
  /\b(?:i'?d\s+like|i\s+would\s+like|i\s+want|i'?ll\s+(?:have|take)|can\s+i\s+(?:get|have|order)|could\s+i\s+(?:get|have)|add|get\s+me|order|give\s+me)\b/;
const questionStart = /^(?:what|which|do|does|is|are|how|can\s+you|could\s+you|tell\s+me|show\s+me|list)\b/;
const knowledgePattern =
  /\b(?:polic(?:y|ies)|refunds?|allergens?|allerg(?:y|ies|ic)|opening|open|close|closing|hours|deliver(?:y|ies)?|cancel(?:lation)?|returns?|payment|pay|complain(?:t)?|privacy|faq)\b/;
const menuPattern =
  /\b(?:menu|prices?|how\s+much|cost|vegan|vegetarian|veggie|gluten[\s-]?free|what\s+do\s+you\s+(?:have|serve|sell|offer)|dishes|options|drinks?|desserts?|food|eat)\b/;

/** Words removed before using the rest of a menu question as a catalog search. */
const menuStopwords = new Set(
  'what which do does you have serve sell offer is are the a an any some your on in of for me show list tell confirm menu price prices how much cost costs vegan vegetarian veggie gluten free glutenfree options option dishes dish food eat there please can could i we get with and or to it they that this like see want would know look full whole all today have has got'.split(
    ' ',
  ),
);
const promoCodeStopwords = new Set([
  'code',
  'promo',
  'coupon',
  'voucher',
  'discount',
  'please',
  'for',
  'to',
  'the',
  'this',
  'that',
  'my',
  'it',
  'and',
  'now',
  'too',
  'also',
]);

export function detectIntent(userMessage: string): Intent {
  const text = userMessage.toLowerCase().replace(/\s+/g, ' ').trim();
  if (summarizePattern.test(text)) return { kind: 'summarize' };
  const promoCode = findPromoCode(userMessage);
  const isQuestion = text.endsWith('?') || questionStart.test(text);
  if (placeOrderPattern.test(text) && !declinePattern.test(text) && (!isQuestion || politeRequestPattern.test(text)))
    return { kind: 'place-order', promoCode };
  const asksForInformation = knowledgePattern.test(text) || /\b(?:menu|know)\b/.test(text);
  if (!isQuestion && orderPattern.test(text) && !declinePattern.test(text) && !asksForInformation)
    return { kind: 'order-items', promoCode };
  if (promoCode) return { kind: 'apply-promo', promoCode };
  if (knowledgePattern.test(text)) return { kind: 'knowledge', query: userMessage.trim() };
  if (menuPattern.test(text)) return { kind: 'menu', filters: menuFilters(text) };
  if (isQuestion) return { kind: 'knowledge', query: userMessage.trim() };
  if (consentWordsPattern.test(text)) return { kind: 'consent-in-text' };
  return { kind: 'small-talk' };
}

export function findPromoCode(userMessage: string): string | undefined {
  for (const match of userMessage.matchAll(promoPattern)) {
    const code = match[1];
    if (!code || promoCodeStopwords.has(code.toLowerCase())) continue;
    // After a bare "apply" (a common word) only a token that looks like a code counts: all caps or with a digit.
    const afterBareApply = /^apply\s/i.test(match[0]) && !/^apply\s+(?:the\s+)?code/i.test(match[0]);
    const looksLikeCode = /[0-9]/.test(code) || code === code.toUpperCase();
    if (afterBareApply && !looksLikeCode) continue;
    return code;
  }
  return undefined;
}

function menuFilters(text: string): MenuFilters {
  const filters: MenuFilters = {};
  if (/\bvegan\b/.test(text)) filters.vegan = true;
  else if (/\b(?:vegetarian|veggie)\b/.test(text)) filters.vegetarian = true;
  if (/\bgluten[\s-]?free\b/.test(text)) filters.glutenFree = true;
  const foodWords = (text.replace(/\bgluten[\s-]?free\b/g, ' ').match(/[a-z][a-z-]*/g) ?? []).filter(
    (word) => !menuStopwords.has(word) && word.length > 2,
  );
  if (foodWords.length > 0) filters.text = foodWords.join(' ');
  return filters;
}

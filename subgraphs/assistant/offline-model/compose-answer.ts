import { createTextAnalyzer } from '../../../platform/text/text-analyzer.js';
import { assessPromptInjection } from '../guardrails/prompt-injection.js';
import { splitSentences } from '../tools/extractive-summary.js';
import type { OfflineMenuItem } from './menu-matching.js';

/**
 * Extractive answers: every sentence is built from tool results (quoted or listed), never invented, so the offline
 * provider cannot state a price, policy or order id the tools did not return.
 */

const analyze = createTextAnalyzer();

export const greeting =
  "Hello! I'm the offline assistant (no language model is configured, so I answer from the menu and our documents only). " +
  'I can show the menu, answer questions about our policies, and price your order with a promo code; it is placed once you approve the request I send.';

/** "confirm", "go ahead" typed into the chat: agreement is given by approving the request, never by text. */
export const consentHint =
  'Orders are placed only when you approve the order request shown with its total (or decline it there). Tell me what you would like, or "place the order" to get a new request for your last priced order.';

export function composeToolFailure(result: unknown): string {
  const message = (result as { error?: { message?: unknown } } | undefined)?.error?.message;
  return `Sorry, that did not work: ${typeof message === 'string' ? message : 'the service did not answer'}`;
}

export function composeMenu(items: readonly OfflineMenuItem[], more: boolean): string {
  if (items.length === 0) return 'I found nothing on the menu matching that. Ask me for the menu to see everything we have.';
  const shown = items.slice(0, 12);
  const lines = shown.map((item) => `- ${item.name}: ${item.price}${dietaryNote(item)}${item.available ? '' : ' (sold out right now)'}`);
  const rest = items.length > shown.length || more ? '\n\nThere is more on the menu; ask about something specific to narrow it down.' : '';
  return `Here is what I found on the menu:\n${lines.join('\n')}${rest}`;
}

function dietaryNote(item: OfflineMenuItem): string {
  const notes = [item.vegan ? 'vegan' : item.vegetarian ? 'vegetarian' : '', item.glutenFree ? 'gluten-free' : ''].filter(Boolean);
  return notes.length > 0 ? ` (${notes.join(', ')})` : '';
}

interface QuoteLike {
  lines: { name: string; quantity: number; unitPriceCents: number; notes: string | null }[];
  promoCode: string | null;
  currency: string;
  discountCents: number;
  formatted: { subtotal: string; discount: string; tax: string; total: string };
}

/** How a quote answer starts; the offline model reads its own quote back from a text-only history (cart-memory.ts). */
export const quoteMarker = 'Your order:\n';

export function composeQuote(quote: QuoteLike): string {
  const lines = quote.lines.map((line) => `- ${line.quantity} × ${line.name}${line.notes ? `, note: ${line.notes}` : ''}`);
  const discount =
    quote.discountCents > 0 ? `\nDiscount${quote.promoCode ? ` (${quote.promoCode})` : ''}: -${quote.formatted.discount}` : '';
  return `${quoteMarker}${lines.join('\n')}\n\nSubtotal: ${quote.formatted.subtotal}${discount}\nTax: ${quote.formatted.tax}\nTotal: ${quote.formatted.total}`;
}

/** The quote and what became of confirm_order's request for approval (it never places the order itself). */
export function composeApprovalRequest(quote: QuoteLike, asked: { ok: boolean; result: unknown }): string {
  const priced = composeQuote(quote);
  if (!asked.ok) return `${priced}\n\n${composeToolFailure(asked.result)}`;
  const expiresAt = (asked.result as { expiresAt?: unknown } | null)?.expiresAt;
  const until = typeof expiresAt === 'string' ? ` The request expires at ${expiresAt.slice(11, 16)} UTC.` : '';
  return `${priced}\n\nNothing is ordered yet: approve the order request to place it, or decline it.${until}`;
}

export function composeSummary(summary: { summary: string }): string {
  return summary.summary.trim() === ''
    ? 'There is nothing to summarise yet.'
    : `Here is a summary of our conversation so far:\n${summary.summary}`;
}

interface KnowledgeLike {
  context: string;
  passages: { n: number; title: string; suspicious: boolean }[];
}

interface QuotedPassage {
  n: number;
  title: string;
  text: string;
}

/** Reads the numbered blocks back out of `quoteRetrievedContent`'s output. */
export function readQuotedPassages(context: string): QuotedPassage[] {
  const blockPattern = /<<<DATA (\S+) #(\d+)(?: source="([^"]*)")?>>>\n([\s\S]*?)\n<<<END DATA \1 #\2>>>/g;
  return [...context.matchAll(blockPattern)].map((match) => ({ n: Number(match[2]), title: match[3] ?? '', text: match[4] ?? '' }));
}

/**
 * Quotes up to `maxSentences` passage sentences sharing the most terms with the question, each with its `[n]`
 * marker. Sentences that read as instructions to an AI are never repeated, whatever passage they are in.
 */
export function composeKnowledgeAnswer(result: KnowledgeLike, question: string, maxSentences = 3): string {
  const questionTerms = new Set(analyze(question));
  const candidates = readQuotedPassages(result.context).flatMap((passage) =>
    splitSentences(passage.text).map((sentence, index) => {
      const overlap = new Set(analyze(sentence).filter((term) => questionTerms.has(term))).size;
      return { passage, sentence, index, overlap };
    }),
  );
  const picked = candidates
    .filter(({ overlap, sentence }) => overlap > 0 && assessPromptInjection(sentence, { source: 'retrieved' }).verdict === 'allow')
    .sort((a, b) => b.overlap - a.overlap || a.passage.n - b.passage.n || a.index - b.index)
    .slice(0, maxSentences)
    .sort((a, b) => a.passage.n - b.passage.n || a.index - b.index);
  if (picked.length === 0) return "I couldn't find that in our documents. Please ask the staff, or rephrase the question.";
  const quoted = picked.map(({ passage, sentence }) => `- ${sentence} [${passage.n}]`);
  const sources = [...new Map(picked.map(({ passage }) => [passage.n, passage.title])).entries()].map(([n, title]) => `[${n}] ${title}`);
  return `Here is what our documents say:\n${quoted.join('\n')}\n\nSources: ${sources.join('; ')}`;
}

import {
  composeApprovalRequest,
  composeKnowledgeAnswer,
  composeMenu,
  composeQuote,
  composeSummary,
  composeToolFailure,
  consentHint,
  greeting,
} from './compose-answer.js';
import { findOpenCart, resolveQuotedCart, type CartArgs } from './cart-memory.js';
import type { ConversationView, ToolExchange } from './conversation-view.js';
import { detectIntent, type Intent, type MenuFilters } from './intent-rules.js';
import { matchRequestedItems, type OfflineMenuItem } from './menu-matching.js';

export interface PlannedCall {
  name: string;
  args: Record<string, unknown>;
}

/** The offline model's next move: call tools (one model round) or answer (the turn ends). */
export type Step = { kind: 'call'; calls: PlannedCall[] } | { kind: 'answer'; text: string };

const unavailable = "I couldn't finish that right now. Please try again in a moment.";
const askAgainToOrder = 'Say "place the order" to get an order request you can approve.';

/**
 * Decides the next step from the user's latest message (its intent) and the tool results of this turn. Each intent
 * is a short fixed chain, e.g. order items: retrieve_menu → apply_promos → confirm_order (which only asks the user for
 * approval) → answer with the quote and the request.
 * `tools` holds the tools offered in this request; none are offered once the round limit is reached.
 */
export function planStep(view: ConversationView, tools: ReadonlySet<string>): Step {
  const intent = detectIntent(view.userMessage);
  const done = (name: string) => lastOf(view.currentTurn, name);
  const call = (name: string, args: Record<string, unknown>): Step =>
    tools.has(name) ? { kind: 'call', calls: [{ name, args }] } : answer(unavailable);

  switch (intent.kind) {
    case 'summarize': {
      const summary = done('generate_summary');
      if (summary) return answerFrom(summary, () => composeSummary(summary.result as { summary: string }));
      return call('generate_summary', { maxSentences: 5 });
    }
    case 'place-order':
    case 'order-items':
      return planOrder(view, intent, call, tools);
    case 'apply-promo': {
      const priced = priceThenAsk(view, call, tools);
      if (priced) return priced;
      const { promoCode } = intent;
      return withOpenCart(
        view,
        call,
        (cart) => call('apply_promos', { items: cart.items, promoCode }),
        `Tell me what you would like to order first, and I will apply the code ${promoCode}.`,
      );
    }
    case 'consent-in-text':
      return answer(consentHint);
    case 'knowledge': {
      const search = done('search_knowledge_base');
      if (search)
        return answerFrom(search, () =>
          composeKnowledgeAnswer(search.result as Parameters<typeof composeKnowledgeAnswer>[0], intent.query),
        );
      return call('search_knowledge_base', { query: intent.query.slice(0, 300) });
    }
    case 'menu': {
      const searches = view.currentTurn.filter((exchange) => exchange.name === 'retrieve_menu');
      const latest = searches.at(-1);
      if (!latest) return call('retrieve_menu', menuArgs(intent.filters));
      if (!latest.ok) return answer(composeToolFailure(latest.result));
      // A text search that found nothing is retried once with the dietary filters only.
      if (menuItems(latest).length === 0 && intent.filters.text !== undefined && searches.length === 1) {
        return call('retrieve_menu', menuArgs({ ...intent.filters, text: undefined }));
      }
      return answer(composeMenu(menuItems(latest), (latest.result as { more?: boolean }).more === true));
    }
    case 'small-talk':
      return answer(greeting);
  }
}

type Call = (name: string, args: Record<string, unknown>) => Step;

/**
 * Asking to order: the items named in the message, else (for "place the order") the open cart, are priced and then
 * put to the user for approval.
 */
function planOrder(
  view: ConversationView,
  intent: Extract<Intent, { kind: 'place-order' | 'order-items' }>,
  call: Call,
  tools: ReadonlySet<string>,
): Step {
  const priced = priceThenAsk(view, call, tools);
  if (priced) return priced;
  const { promoCode } = intent;
  const withPromo = (cart: CartArgs) => ({ ...cart, ...(promoCode ? { promoCode } : {}) });
  if (intent.kind === 'place-order' && findOpenCart(view))
    return withOpenCart(view, call, (cart) => call('apply_promos', withPromo(cart)), '');
  const menu = lastOf(view.currentTurn, 'retrieve_menu');
  if (!menu) return call('retrieve_menu', { first: 50 });
  if (!menu.ok) return answer(composeToolFailure(menu.result));
  const lines = matchRequestedItems(view.userMessage, menuItems(menu));
  if (lines.length === 0)
    return answer(
      intent.kind === 'place-order'
        ? 'There is no priced order to place yet. Tell me what you would like, and I will price it first.'
        : `I couldn't find that on the menu.\n\n${composeMenu(menuItems(menu), false)}`,
    );
  const soldOut = lines.filter(({ item }) => !item.available);
  if (soldOut.length > 0)
    return answer(`Sorry, ${soldOut.map(({ item }) => item.name).join(' and ')} ${soldOut.length > 1 ? 'are' : 'is'} sold out right now.`);
  return call('apply_promos', withPromo({ items: lines.map(({ item, quantity }) => ({ productId: item.id, quantity })) }));
}

/**
 * Once this turn priced a cart: asks for approval to order exactly that cart (confirm_order), then answers with the
 * quote and the request. Undefined while nothing is priced yet.
 */
function priceThenAsk(view: ConversationView, call: Call, tools: ReadonlySet<string>): Step | undefined {
  const quote = lastOf(view.currentTurn, 'apply_promos');
  if (!quote) return undefined;
  if (!quote.ok) return answer(composeToolFailure(quote.result));
  const asked = lastOf(view.currentTurn, 'confirm_order');
  // Past the round limit the quote is still worth giving; the request can be asked for in the next message.
  if (!asked && !tools.has('confirm_order'))
    return answer(`${composeQuote(quote.result as Parameters<typeof composeQuote>[0])}\n\n${askAgainToOrder}`);
  if (!asked) return call('confirm_order', quote.args);
  return answer(composeApprovalRequest(quote.result as Parameters<typeof composeApprovalRequest>[0], asked));
}

function answer(text: string): Step {
  return { kind: 'answer', text };
}

function answerFrom(exchange: ToolExchange, compose: () => string): Step {
  return answer(exchange.ok ? compose() : composeToolFailure(exchange.result));
}

function lastOf(exchanges: readonly ToolExchange[], name: string): ToolExchange | undefined {
  return exchanges.filter((exchange) => exchange.name === name).at(-1);
}

function menuItems(exchange: ToolExchange): OfflineMenuItem[] {
  const items = (exchange.result as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? (items as OfflineMenuItem[]) : [];
}

function menuArgs(filters: MenuFilters): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
}

/**
 * Continues with the cart of the latest open quote. A cart remembered only by name is first resolved against the
 * current menu (one retrieve_menu round), so ids always come from a tool, never from text.
 */
function withOpenCart(view: ConversationView, call: Call, next: (cart: CartArgs) => Step, noCart: string): Step {
  const open = findOpenCart(view);
  if (!open) return answer(noCart);
  if (open.kind === 'ids') return next(open.cart);
  const menu = lastOf(view.currentTurn, 'retrieve_menu');
  if (!menu) return call('retrieve_menu', { first: 50, availableOnly: false });
  if (!menu.ok) return answer(composeToolFailure(menu.result));
  const cart = resolveQuotedCart(open.cart, menuItems(menu));
  return cart ? next(cart) : answer('Some items of your order are no longer on the menu. Tell me again what you would like.');
}

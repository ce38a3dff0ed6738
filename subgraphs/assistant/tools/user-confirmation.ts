/**
 * Whether a user message explicitly confirms placing an order. Shared by the confirm_order tool (a guard that holds
 * whatever the model was persuaded of) and the offline provider (which only orders on such a message).
 *
 * Deliberately narrow: a false "no" costs the user one more message, a false "yes" places an order.
 */
const confirmationPatterns: readonly RegExp[] = [
  /\bconfirm(?:ed)?\b/,
  /\bplace\s+(?:the|my|this|our)\s+order\b/,
  /\b(?:yes|yep|yeah|ok|okay|sure)\b[\s,!.]*(?:please\s+)?(?:order|place|go\s+ahead|do\s+it|book)\b/,
  /\border\s+it\b/,
  /\bgo\s+ahead\b/,
];

const negationPattern = /\b(?:don'?t|do\s+not|not\s+yet|never|cancel|wait|hold\s+on|stop)\b|^no\b/;

/** "Can you confirm the price?" asks something; it does not confirm anything… */
const questionPattern = /\?\s*$|^(?:can|could|would|will|do|does|did|is|are|what|how|when|why|which|should)\b/;
/** …but "could you place the order?" is a polite instruction. */
const politeRequestPattern =
  /^(?:please\s+)?(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:place|confirm|submit|send)\s+(?:the|my|this|our)\s+order\b/;

export function isExplicitOrderConfirmation(userMessage: string): boolean {
  const text = userMessage.toLowerCase().replace(/\s+/g, ' ').trim();
  if (text === '' || negationPattern.test(text)) return false;
  if (questionPattern.test(text) && !politeRequestPattern.test(text)) return false;
  return confirmationPatterns.some((pattern) => pattern.test(text));
}

import { z } from 'zod';
import type { AssistantToolContext } from './assistant-tool-context.js';
import { intentPatterns, negativeWords, negators, positiveWords, words, type ConversationIntent } from './conversation-lexicon.js';
import { defineTool } from './tool-registry.js';

export type Sentiment = 'positive' | 'neutral' | 'negative';

export interface ConversationAnalysis {
  sentiment: Sentiment;
  /** -1 (negative) … 1 (positive). */
  score: number;
  /** Every intent the text shows, most specific first. */
  intents: ConversationIntent[];
  positiveTerms: string[];
  negativeTerms: string[];
}

/** Lexicon sentiment with negation ("not good" counts as negative) and regex intents; deterministic and local. */
export function analyzeText(text: string): ConversationAnalysis {
  const tokens = words(text);
  const positiveTerms: string[] = [];
  const negativeTerms: string[] = [];
  tokens.forEach((token, index) => {
    const polarity = positiveWords.has(token) ? 1 : negativeWords.has(token) ? -1 : 0;
    if (polarity === 0) return;
    const negated = tokens.slice(Math.max(0, index - 2), index).some((previous) => negators.has(previous));
    const effective = negated ? -polarity : polarity;
    (effective > 0 ? positiveTerms : negativeTerms).push(negated ? `not ${token}` : token);
  });
  const total = positiveTerms.length + negativeTerms.length;
  const score = total === 0 ? 0 : Math.round(((positiveTerms.length - negativeTerms.length) / total) * 100) / 100;
  const sentiment: Sentiment = score > 0.2 ? 'positive' : score < -0.2 ? 'negative' : 'neutral';
  const lower = text.toLowerCase();
  const intents = (Object.keys(intentPatterns) as ConversationIntent[]).filter((intent) => intentPatterns[intent].test(lower));
  return { sentiment, score, intents, positiveTerms, negativeTerms };
}

export const analyzeConversationTool = defineTool({
  name: 'analyze_conversation',
  description:
    "Estimates the user's sentiment and intents (browse_menu, place_order, promotion, policy_question, order_status, complaint, greeting) from their messages. Use it to decide tone, e.g. to apologise to an unhappy customer.",
  parameters: z.object({
    text: z
      .string()
      .min(1)
      .max(4000)
      .optional()
      .describe("Text to analyse; omit to analyse all of the user's messages in this conversation"),
  }),
  timeoutMs: 1_000,
  execute(args, context: AssistantToolContext): ConversationAnalysis {
    const text = args.text ?? context.messages.flatMap((message) => (message.role === 'user' ? [message.content] : [])).join('\n');
    return analyzeText(text);
  },
});

import { z } from 'zod';
import type { AssistantToolContext } from './assistant-tool-context.js';
import { summarizeConversation, type SummarySentence } from './extractive-summary.js';
import { defineTool } from './tool-registry.js';

export interface GenerateSummaryResult {
  /** One line per picked sentence, "Customer: …" / "Assistant: …", in conversation order. */
  summary: string;
  sentences: SummarySentence[];
  messagesConsidered: number;
}

export const generateSummaryTool = defineTool({
  name: 'generate_summary',
  description:
    'Summarises this conversation so far by quoting its most important sentences. Call it when the user asks for a summary or recap.',
  parameters: z.object({ maxSentences: z.number().int().min(1).max(15).default(5) }),
  timeoutMs: 1_000,
  execute(args, context: AssistantToolContext): GenerateSummaryResult {
    // The current "summarize …" request itself is not part of what is being summarised.
    const conversation = context.messages.at(-1)?.role === 'user' ? context.messages.slice(0, -1) : context.messages;
    const sentences = summarizeConversation(conversation, args.maxSentences);
    return {
      summary: sentences.map(({ speaker, text }) => `${speaker === 'customer' ? 'Customer' : 'Assistant'}: ${text}`).join('\n'),
      sentences,
      messagesConsidered: conversation.filter((message) => message.role === 'user' || message.role === 'assistant').length,
    };
  },
});

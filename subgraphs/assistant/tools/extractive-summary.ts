import { createTextAnalyzer } from '../../../platform/text/text-analyzer.js';
import type { ChatMessage } from '../../../platform/model-gateway/language-model.js';

const analyze = createTextAnalyzer();

export interface SummarySentence {
  speaker: 'customer' | 'assistant';
  text: string;
}

/** Sentences end at . ! ? followed by a space, or at a line break, so prices ("12.50") and times stay whole. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/**
 * Picks the `maxSentences` most central sentences of the conversation (Luhn-style: the sum of the conversation-wide
 * frequency of each content term, over the square root of the sentence's term count, so long sentences are not
 * favoured just for length) and returns them in conversation order. System and tool messages are left out: the
 * summary is of what was said.
 */
export function summarizeConversation(messages: readonly ChatMessage[], maxSentences: number): SummarySentence[] {
  const candidates = messages.flatMap((message, messageIndex) => {
    if (message.role !== 'user' && message.role !== 'assistant') return [];
    const speaker = message.role === 'user' ? ('customer' as const) : ('assistant' as const);
    return splitSentences(message.content).map((text, sentenceIndex) => ({
      speaker,
      text,
      order: messageIndex * 1000 + sentenceIndex,
      terms: analyze(text),
    }));
  });
  const frequency = new Map<string, number>();
  for (const { terms } of candidates) for (const term of new Set(terms)) frequency.set(term, (frequency.get(term) ?? 0) + 1);

  return candidates
    .filter(({ terms }) => terms.length >= 2)
    .map((candidate) => ({
      ...candidate,
      score: candidate.terms.reduce((sum, term) => sum + (frequency.get(term) ?? 0), 0) / Math.sqrt(candidate.terms.length),
    }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, Math.max(0, maxSentences))
    .sort((a, b) => a.order - b.order)
    .map(({ speaker, text }) => ({ speaker, text }));
}

import type { Logger } from '../../../platform/logger.js';
import { assessPromptInjection } from '../guardrails/prompt-injection.js';
import type { ModerationVerdict } from './chat-options.js';

export interface ScreeningOptions {
  toolNames: readonly string[];
  logger: Logger;
  /** Optional content moderation of the user's (redacted) text; a flagged text is refused without calling the model. */
  moderate?: (text: string, signal: AbortSignal) => Promise<ModerationVerdict>;
}

/** Injection scoring and moderation of the user's (redacted) text; returns why it is refused, or null. */
export async function screenUserText(text: string, conversationId: string, options: ScreeningOptions): Promise<string | null> {
  const injection = assessPromptInjection(text, { source: 'user', toolNames: options.toolNames });
  if (injection.verdict !== 'allow') {
    options.logger.warn(
      { conversationId, score: injection.score, signals: injection.signals.map((signal) => signal.id), verdict: injection.verdict },
      'prompt injection suspected in user input',
    );
  }
  if (injection.verdict === 'block') return 'PROMPT_INJECTION';
  if (options.moderate) {
    // Fails open: an unavailable moderation endpoint must not take the assistant down; the failure is logged.
    const verdict = await options.moderate(text, AbortSignal.timeout(5_000)).catch((error: unknown) => {
      options.logger.warn(
        { conversationId, err: error instanceof Error ? error.message : String(error) },
        'moderation unavailable; input not moderated',
      );
      return { flagged: false, categories: [] };
    });
    if (verdict.flagged) {
      options.logger.warn({ conversationId, categories: verdict.categories }, 'user input flagged by moderation');
      return 'CONTENT_FLAGGED';
    }
  }
  return null;
}

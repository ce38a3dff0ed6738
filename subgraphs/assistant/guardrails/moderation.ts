import OpenAI from 'openai';
import { mapOpenAIError } from '../../../platform/model-gateway/map-openai-error.js';

export interface ModerationSettings {
  /** An OpenAI-compatible `/v1` base URL; unset means moderation is not configured. */
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
  /** @default 'omni-moderation-latest' */
  model?: string;
  /** A moderation check runs before every turn, so it must be quick. @default 5000 */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

export interface ModerationResult {
  flagged: boolean;
  /** The categories the provider flagged, e.g. `["violence"]`; empty when not flagged. */
  categories: string[];
}

export interface ModerationClient {
  /** Throws a `ModelError` (provider `moderation`) when the provider fails; callers choose to fail open or closed. */
  moderate(text: string, options?: { signal?: AbortSignal }): Promise<ModerationResult>;
}

const provider = 'moderation';

/** A client for the provider's moderation endpoint, or `undefined` when no base URL and key are configured. */
export function createModerationClient(settings: ModerationSettings): ModerationClient | undefined {
  if (!settings.baseUrl || !settings.apiKey) return undefined;
  const client = new OpenAI({
    baseURL: settings.baseUrl,
    apiKey: settings.apiKey,
    timeout: settings.timeoutMs ?? 5_000,
    maxRetries: 1,
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });
  const model = settings.model ?? 'omni-moderation-latest';

  return {
    async moderate(text, options = {}) {
      try {
        const response = await client.moderations.create({ model, input: text }, options.signal ? { signal: options.signal } : {});
        const result = response.results[0];
        if (!result) return { flagged: false, categories: [] };
        const categories = Object.entries(result.categories as unknown as Record<string, boolean | null>).flatMap(([category, flagged]) =>
          flagged ? [category] : [],
        );
        return { flagged: result.flagged, categories };
      } catch (error) {
        throw mapOpenAIError(error, provider);
      }
    },
  };
}

import type { Config } from '../../../platform/config.js';
import type { Logger } from '../../../platform/logger.js';
import type { ModelCallRecord } from '../../../platform/model-gateway/call-record.js';
import type { LanguageModel } from '../../../platform/model-gateway/language-model.js';
import { createModelGateway, type ModelGateway, type ProviderSettings } from '../../../platform/model-gateway/model-gateway.js';
import { createOpenAICompatibleProvider } from '../../../platform/model-gateway/openai-compatible-provider.js';

export interface ChatModelOptions {
  config: Config;
  logger: Logger;
  /** Used when no OPENAI_BASE_URL is configured, so the platform works with no model server at all. */
  offlineModel: () => LanguageModel;
  onCallRecord: (record: ModelCallRecord) => void;
}

/**
 * The assistant's model: the configured OpenAI-compatible chain (MODEL_PROVIDERS, each with its own model, timeouts and
 * retry budget; or OPENAI_BASE_URL then the optional OPENAI_FALLBACK_*), or the offline
 * model. Either way it goes through the model gateway, so retries, timeouts and per-call records are the same.
 */
export function createChatModel({ config, logger, offlineModel, onCallRecord }: ChatModelOptions): ModelGateway {
  const providers: LanguageModel[] = [];
  const providerSettings: Record<string, ProviderSettings> = {};
  if (config.MODEL_PROVIDERS) {
    for (const setting of config.MODEL_PROVIDERS) {
      providers.push(
        createOpenAICompatibleProvider({
          name: setting.name,
          baseURL: setting.baseUrl,
          apiKey: setting.apiKey ?? config.OPENAI_API_KEY ?? 'unused',
          model: setting.model,
          timeoutMs: setting.timeoutMs ?? config.MODEL_TIMEOUT_MS,
        }),
      );
      providerSettings[setting.name] = {
        ...(setting.maxRetries === undefined ? {} : { retry: { maxRetries: setting.maxRetries } }),
        ...(setting.firstTokenTimeoutMs === undefined ? {} : { firstTokenMs: setting.firstTokenTimeoutMs }),
      };
    }
  } else if (config.OPENAI_BASE_URL) {
    providers.push(
      createOpenAICompatibleProvider({
        name: 'primary',
        baseURL: config.OPENAI_BASE_URL,
        apiKey: config.OPENAI_API_KEY ?? 'unused',
        model: config.MODEL_NAME,
        timeoutMs: config.MODEL_TIMEOUT_MS,
      }),
    );
    if (config.OPENAI_FALLBACK_BASE_URL) {
      providers.push(
        createOpenAICompatibleProvider({
          name: 'fallback',
          baseURL: config.OPENAI_FALLBACK_BASE_URL,
          apiKey: config.OPENAI_FALLBACK_API_KEY ?? config.OPENAI_API_KEY ?? 'unused',
          model: config.OPENAI_FALLBACK_MODEL ?? config.MODEL_NAME,
          timeoutMs: config.MODEL_TIMEOUT_MS,
        }),
      );
    }
  } else {
    providers.push(offlineModel());
  }
  return createModelGateway({
    providers,
    retry: { maxRetries: config.MODEL_MAX_RETRIES, initialDelayMs: 100, maxDelayMs: 2_000 },
    timeouts: { firstTokenMs: config.MODEL_FIRST_TOKEN_TIMEOUT_MS, totalMs: config.MODEL_TIMEOUT_MS },
    providerSettings,
    onCallRecord,
    onBreakerStateChange: (provider, state) => logger.warn({ provider, state }, 'model circuit breaker changed state'),
    onRetry: (provider, { attempt, delayMs }) => logger.info({ provider, attempt, delayMs }, 'retrying model call'),
  });
}

/** Micro-dollars for one call: prices are USD per million tokens, so tokens x price is exactly micro-dollars. */
export function costMicros(prices: Config['MODEL_PRICES'], model: string, inputTokens: number, outputTokens: number): number {
  const price = prices[model];
  if (!price) return 0;
  return Math.round(inputTokens * price[0] + outputTokens * price[1]);
}

import { z } from 'zod';
import { httpUrl } from './config-fields.js';

/** One entry of MODEL_PROVIDERS: an OpenAI-compatible server with its own model, timeouts and retry budget. */
const modelProviderSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'a short name (letters, digits, _ . -)'),
  baseUrl: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().min(1).optional(),
  model: z.string().min(1),
  timeoutMs: z.number().int().min(100).optional(),
  firstTokenTimeoutMs: z.number().int().min(100).optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
});
export type ModelProviderSetting = z.infer<typeof modelProviderSchema>;
const modelProvidersSchema = z
  .array(modelProviderSchema)
  .min(1)
  .refine((list) => new Set(list.map((p) => p.name)).size === list.length, 'provider names must be unique');

const modelPricesSchema = z.record(z.string().min(1), z.tuple([z.number().min(0), z.number().min(0)]));

/** The environment variables of the model chain, prices and moderation; part of the schema loadConfig() parses, in this order. */
export const modelSettingsFields = {
  OPENAI_API_KEY: z.string().min(1).optional(),
  // The assistant's model chain: OPENAI_BASE_URL first, then the optional fallback; neither set = the offline model.
  MODEL_NAME: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_FALLBACK_BASE_URL: httpUrl,
  OPENAI_FALLBACK_API_KEY: z.string().min(1).optional(),
  OPENAI_FALLBACK_MODEL: z.string().min(1).optional(),
  MODEL_TIMEOUT_MS: z.coerce
    .number({ error: 'expected milliseconds (an integer >= 100)' })
    .int()
    .min(100, 'expected milliseconds (an integer >= 100)')
    .default(60_000),
  MODEL_FIRST_TOKEN_TIMEOUT_MS: z.coerce
    .number({ error: 'expected milliseconds (an integer >= 100)' })
    .int()
    .min(100, 'expected milliseconds (an integer >= 100)')
    .default(15_000),
  MODEL_MAX_RETRIES: z.coerce
    .number({ error: 'expected an integer from 0 to 10' })
    .int()
    .min(0, 'expected an integer from 0 to 10')
    .max(10, 'expected an integer from 0 to 10')
    .default(2),
  /** The whole provider chain as JSON, primary first; replaces OPENAI_BASE_URL / OPENAI_FALLBACK_* when set. */
  MODEL_PROVIDERS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      try {
        return modelProvidersSchema.parse(JSON.parse(text));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message:
            'expected a JSON array such as [{"name":"vllm","baseUrl":"http://gpu:8000/v1","model":"qwen2.5-7b","timeoutMs":30000,"firstTokenTimeoutMs":5000,"maxRetries":1},{"name":"openai","baseUrl":"https://api.openai.com/v1","apiKey":"sk-…","model":"gpt-4o-mini"}]',
        });
        return z.NEVER;
      }
    }),
  /** USD per million tokens, input and output, per model name: {"gpt-4o-mini":[0.15,0.6]}. Unlisted models cost 0. */
  MODEL_PRICES: z
    .string()
    .default('{"gpt-4o-mini":[0.15,0.6]}')
    .transform((text, ctx) => {
      try {
        return modelPricesSchema.parse(JSON.parse(text));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'expected JSON such as {"gpt-4o-mini":[0.15,0.6]} (USD per million input and output tokens)',
        });
        return z.NEVER;
      }
    }),
  /** An OpenAI-compatible /v1 endpoint with /moderations; unset = no moderation. Its key defaults to OPENAI_API_KEY. */
  MODERATION_BASE_URL: httpUrl,
  MODERATION_API_KEY: z.string().min(1).optional(),
};

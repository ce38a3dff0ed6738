import { resolve } from 'node:path';
import { assistantMigrations } from '../../db/migrations/assistant/index.js';
import { openSubgraphDatabaseFor } from '../../db/open-subgraph-database-for.js';
import { buildFederatedSchema } from '../../platform/server/build-federated-schema.js';
import type { SubgraphDefinition } from '../../platform/server/subgraph-definition.js';
import { createChatModel } from './chat/chat-model.js';
import { SYSTEM_PROMPT_NAME } from './chat/chat-prompt.js';
import { ChatStreamHub } from './chat/chat-stream-hub.js';
import { ChatUsageReporter } from './chat/chat-usage.js';
import { MessageRepository } from './chat/message-repository.js';
import { createAssistantContext, type AssistantContext } from './context.js';
import { ConversationEntity } from './conversations/conversation.entity.js';
import { MessageEntity } from './conversations/message.entity.js';
import { ToolCallEntity } from './conversations/tool-call.entity.js';
import { TenantPrivacySettingsEntity } from './privacy/tenant-privacy-settings.entity.js';
import { PrivacySettingsRepository } from './privacy/privacy-settings-repository.js';
import { PrivacySettingsService } from './privacy/privacy-settings-service.js';
import { PrivacySettingsResolver } from './privacy/privacy-settings.resolver.js';
import { ChatResolver } from './chat/chat.resolver.js';
import { ToolApprovalEntity } from './approvals/tool-approval.entity.js';
import { ToolApprovalRepository } from './approvals/tool-approval-repository.js';
import { ToolApprovalResolver } from './approvals/tool-approval.resolver.js';
import { ToolApprovalService } from './approvals/tool-approval-service.js';
import { ConversationResolver, MessageResolver } from './conversations/conversation.resolver.js';
import { OrderReferenceType } from './conversations/conversation.type.js';
import { PromptResolver } from './prompts/prompt.resolver.js';
import type { LanguageModel } from '../../platform/model-gateway/language-model.js';
import type { TurnToolContextInput } from './chat/chat-options.js';
import { LlmQuota } from './chat/llm-quota.js';
import { createOfflineModel } from './offline-model/offline-model.js';
import { PromptRegistry } from './prompts/prompt-registry.js';
import { ChatService } from './chat/chat-service.js';
import { ConversationRepository } from './conversations/conversation-repository.js';
import { ConversationService } from './conversations/conversation-service.js';
import { createSupergraphClient } from './tools/supergraph-client.js';
import { createAssistantTools, type AssistantToolContext } from './tools/assistant-tools.js';
import { ToolRegistry } from './tools/tool-registry.js';
import { cacheableToolNames, ToolResultCache, withToolResultCache } from './caches/tool-result-cache.js';
import { SemanticAnswerCache } from './caches/semantic-answer-cache.js';
import { SharedSemanticAnswerCache } from './caches/shared-semantic-answer-cache.js';
import { createModerationClient } from './guardrails/moderation.js';
import { createSubgraphCache } from '../../platform/cache/create-subgraph-cache.js';
import { MessageRatingRepository } from './ratings/message-rating-repository.js';
import { MessageRatingResolver } from './ratings/message-rating.resolver.js';
import { MessageRatingService } from './ratings/message-rating-service.js';

export interface AssistantSubgraphOptions {
  /** Folder of `*.yaml` prompt files, watched for changes. */
  promptsDir: string;
  /** The model used when no OPENAI_BASE_URL is configured (default: the offline model). */
  offlineModel?: () => LanguageModel;
}

export function createAssistantSubgraph(options: AssistantSubgraphOptions): SubgraphDefinition<AssistantContext> {
  const definition: SubgraphDefinition<AssistantContext> = {
    name: 'assistant',
    buildSchema: () =>
      buildFederatedSchema({
        resolvers: [
          PromptResolver,
          ConversationResolver,
          MessageResolver,
          ChatResolver,
          MessageRatingResolver,
          ToolApprovalResolver,
          PrivacySettingsResolver,
        ],
        // Order appears only as Message.order and ToolApproval.order (references the gateway resolves), so it must be named explicitly.
        orphanedTypes: [OrderReferenceType],
      }),

    database: {
      entities: [ConversationEntity, MessageEntity, ToolCallEntity, ToolApprovalEntity, TenantPrivacySettingsEntity],
      migrations: assistantMigrations,
    },

    async start(dependencies) {
      const { logger, bus, config } = dependencies;
      const prompts = await PromptRegistry.open({ dir: options.promptsDir, logger: logger.child({ component: 'prompts' }) });
      let database: Awaited<ReturnType<typeof openSubgraphDatabaseFor>> | undefined;
      try {
        database = await openSubgraphDatabaseFor(definition, dependencies);
      } catch (error) {
        await prompts.close();
        throw error;
      }
      const db = database;
      const quota = new LlmQuota(config.llmQuotas, {
        redisUrl: config.REDIS_URL,
        keyPrefix: config.EVENT_STREAM_PREFIX,
        logger: logger.child({ component: 'llm-quota' }),
      });
      const usage = new ChatUsageReporter(bus, config.MODEL_PRICES, logger.child({ component: 'llm-usage' }), (tenantId, used) =>
        quota.add(tenantId, { tokens: used.tokens, costMicros: used.costMicros }),
      );
      const model = createChatModel({
        config,
        logger: logger.child({ component: 'model-gateway' }),
        offlineModel: options.offlineModel ?? (() => createOfflineModel({ partDelayMs: config.OFFLINE_MODEL_PART_DELAY_MS })),
        onCallRecord: usage.record,
      });
      // In one process the gateway's (ephemeral) URL is handed over once it listens; alone, the configured one.
      const supergraph = createSupergraphClient({ url: dependencies.supergraphUrl ?? (() => config.gatewayUrl) });
      const toolLogger = logger.child({ component: 'tools' });
      // Idempotent reads (menu, knowledge search) are cached per tenant and arguments, in Redis when there is one.
      const sharedCache = createSubgraphCache('assistant', db.schema, dependencies);
      const toolCache = new ToolResultCache({
        cache: sharedCache,
        ttlMs: Math.max(1, config.TOOL_CACHE_TTL_MS),
        onError: (error) => toolLogger.warn({ err: error }, 'tool cache unavailable'),
      });
      const tools = new ToolRegistry<AssistantToolContext>(
        createAssistantTools().map((tool) =>
          config.TOOL_CACHE_TTL_MS > 0 && cacheableToolNames.has(tool.name) ? withToolResultCache(tool, toolCache) : tool,
        ),
        { onUnexpectedError: (tool, error) => toolLogger.error({ err: error, tool }, 'tool failed unexpectedly') },
      );
      const moderation = createModerationClient({
        baseUrl: config.MODERATION_BASE_URL,
        apiKey: config.MODERATION_API_KEY ?? config.OPENAI_API_KEY,
      });
      // Redaction reads the tenant's phone regions on every message: cached (and invalidated when its admin changes them).
      const privacy = new PrivacySettingsService({
        repository: new PrivacySettingsRepository(() => db.em()),
        defaultPhoneRegions: config.PII_PHONE_REGIONS,
        cache: sharedCache,
        onCacheError: (error) => logger.warn({ err: error, component: 'privacy-settings' }, 'privacy settings cache unavailable'),
      });
      const conversations = new ConversationService(new ConversationRepository(() => db.em()), () => {
        const prompt = prompts.get(SYSTEM_PROMPT_NAME);
        if (!prompt) throw new Error(`prompt ${SYSTEM_PROMPT_NAME} is not loaded`);
        return { name: prompt.name, version: prompt.version };
      });
      const toolContext = (input: TurnToolContextInput): AssistantToolContext => ({ ...input, supergraph });
      const approvals: ToolApprovalService = new ToolApprovalService({
        repository: new ToolApprovalRepository(() => db.em()),
        tools,
        toolContext,
        ttlSeconds: config.TOOL_APPROVAL_TTL_SECONDS,
        logger: logger.child({ component: 'tool-approvals' }),
        pii: async (tenantId) => ({ phoneRegions: await privacy.phoneRegionsFor(tenantId) }),
        // Declared below; only called when a request arrives.
        settled: (messageId): Promise<void> => chat.settled(messageId),
      });
      const chat: ChatService<AssistantToolContext> = new ChatService<AssistantToolContext>({
        messages: new MessageRepository(() => db.em()),
        conversations,
        prompts,
        model,
        tools,
        toolContext,
        approvals,
        usage,
        logger: logger.child({ component: 'chat' }),
        maxToolRounds: config.CHAT_MAX_TOOL_ROUNDS,
        piiPhoneRegions: (tenantId) => privacy.phoneRegionsFor(tenantId),
        hub: new ChatStreamHub({ deltaFlushMs: config.CHAT_STREAM_FLUSH_MS }),
        // Turns reach subscribers on every replica through the bus (Redis Streams when REDIS_URL is set).
        bus,
        turnLease: { ttlMs: config.CHAT_TURN_LEASE_MS, renewEveryMs: Math.max(100, Math.floor(config.CHAT_TURN_LEASE_MS / 3)) },
        // Every replica sweeps: dead turns nobody follows are failed too, once (TurnSweeper); stopped by chat.close().
        turnSweep: { everyMs: config.CHAT_TURN_SWEEP_MS },
        // Every model call of a turn is bounded by MODEL_TIMEOUT_MS; tool calls by their own (short) timeouts.
        turnTimeoutMs: config.MODEL_TIMEOUT_MS * (config.CHAT_MAX_TOOL_ROUNDS + 1) + 60_000,
        ...(moderation ? { moderate: (text: string, signal: AbortSignal) => moderation.moderate(text, { signal }) } : {}),
        ...(quota.enabled ? { quota } : {}),
        // Shared by every replica when there is a Redis; else this process's own.
        ...(config.SEMANTIC_CACHE_TTL_MS > 0
          ? {
              answers:
                sharedCache.kind === 'redis'
                  ? new SharedSemanticAnswerCache(sharedCache, {
                      ttlMs: config.SEMANTIC_CACHE_TTL_MS,
                      onError: (error) => logger.warn({ err: error }, 'semantic answer cache unavailable'),
                    })
                  : new SemanticAnswerCache({ ttlMs: config.SEMANTIC_CACHE_TTL_MS }),
            }
          : {}),
      });
      const ratings = new MessageRatingService(new MessageRatingRepository(db), bus);
      const services = { prompts, conversations, chat: chat as ChatService<unknown>, ratings, approvals, privacy };
      return {
        createContext: (caller) => createAssistantContext(caller, services),
        async checkReadiness() {
          if (prompts.size === 0) throw new Error('no prompts loaded');
          await Promise.all([db.ping(), bus.ping()]);
          return { prompts: 'ok', database: 'ok', eventBus: 'ok' };
        },
        async close() {
          await chat.close();
          await usage.drain();
          await quota.close();
          await sharedCache.close();
          await prompts.close();
          await db.close();
        },
      };
    },
  };
  return definition;
}

/** The assistant with prompts from `./prompts` under the working directory. */
export const assistantSubgraph = createAssistantSubgraph({ promptsDir: resolve(process.cwd(), 'prompts') });

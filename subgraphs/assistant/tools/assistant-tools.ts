import type { z } from 'zod';
import type { Tool } from './tool-registry.js';
import { ToolRegistry, type ToolRegistryOptions } from './tool-registry.js';
import type { AssistantToolContext } from './assistant-tool-context.js';
import { withToolResultCache, type ToolResultCache } from '../caches/tool-result-cache.js';
import { analyzeConversationTool } from './analyze-conversation.js';
import { applyPromosTool } from './apply-promos.js';
import { confirmOrderTool } from './confirm-order.js';
import { generateSummaryTool } from './generate-summary.js';
import { retrieveMenuTool } from './retrieve-menu.js';
import { searchKnowledgeBaseTool } from './search-knowledge-base.js';
import { validateInputTool } from './validate-input.js';

export type { AssistantToolContext } from './assistant-tool-context.js';

/** Each tool's own argument type is enforced by its zod parameters when the registry invokes it. */
export type AssistantTool = Tool<z.ZodObject, AssistantToolContext, unknown>;

export interface AssistantToolsOptions {
  /** Serves retrieve_menu and search_knowledge_base from a per-tenant cache when given. */
  toolResultCache?: ToolResultCache;
}

/** Every assistant tool, in the order the model sees them. */
export function createAssistantTools(options: AssistantToolsOptions = {}): AssistantTool[] {
  const cached = <T extends AssistantTool>(tool: T): AssistantTool =>
    options.toolResultCache ? withToolResultCache(tool, options.toolResultCache) : tool;
  return [
    cached(retrieveMenuTool),
    cached(searchKnowledgeBaseTool),
    applyPromosTool,
    confirmOrderTool,
    analyzeConversationTool,
    generateSummaryTool,
    validateInputTool,
  ];
}

export function createAssistantToolRegistry(options: ToolRegistryOptions & AssistantToolsOptions = {}): ToolRegistry<AssistantToolContext> {
  return new ToolRegistry<AssistantToolContext>(createAssistantTools(options), options);
}

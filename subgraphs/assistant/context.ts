import type { RequestContext } from '../../platform/request-context.js';
import type { PromptRegistry } from './prompts/prompt-registry.js';

export interface AssistantServices {
  prompts: PromptRegistry;
}

export interface AssistantContext extends RequestContext, AssistantServices {}

export function createAssistantContext(caller: RequestContext, services: AssistantServices): AssistantContext {
  return { ...caller, ...services };
}

import type { RequestContext } from '../../platform/request-context.js';
import type { LlmUsageService } from './services/llm-usage-service.js';

export interface ObservabilityServices {
  llmUsage: LlmUsageService;
}

export interface ObservabilityContext extends RequestContext, ObservabilityServices {}

export function createObservabilityContext(caller: RequestContext, services: ObservabilityServices): ObservabilityContext {
  return { ...caller, ...services };
}

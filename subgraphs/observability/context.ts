import type DataLoader from 'dataloader';
import { requirePrincipal } from '../../platform/auth/require-principal.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { DeadLetterAdmin } from './dead-letters/dead-letter-admin.js';
import type { OrderActivity } from './order-activity/order-activity.entity.js';
import { orderTimelineLoader } from './order-activity/order-timeline-loader.js';
import type { OrderTimelineService } from './order-activity/order-timeline-service.js';
import type { LlmUsageService } from './llm-usage/llm-usage-service.js';
import type { PromptExperimentService } from './prompt-experiments/prompt-experiment-service.js';
import type { OperationTimingService } from './operation-timings/operation-timing-service.js';

export interface ObservabilityServices {
  llmUsage: LlmUsageService;
  promptExperiments: PromptExperimentService;
  operationTimings: OperationTimingService;
  deadLetters: DeadLetterAdmin;
  timelines: OrderTimelineService;
}

export interface ObservabilityContext extends RequestContext, ObservabilityServices {
  /** Per request: the timelines of all orders in one response cost one query. */
  orderTimelines: DataLoader<string, OrderActivity[]>;
}

export function createObservabilityContext(caller: RequestContext, services: ObservabilityServices): ObservabilityContext {
  return {
    ...caller,
    ...services,
    orderTimelines: orderTimelineLoader((orderIds) => services.timelines.timelines(requirePrincipal(caller), orderIds)),
  };
}

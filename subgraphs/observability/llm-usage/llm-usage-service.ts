import { appError, ErrorCode } from '../../../platform/errors.js';
import type { LlmUsageBucket, LlmUsageDimension, TimeRange } from './llm-usage-bucket.js';
import type { LlmUsageRepository } from './llm-usage-repository.js';

/** LLM usage reads, aggregated in SQL by the repository. */
export class LlmUsageService {
  constructor(private readonly calls: LlmUsageRepository) {}

  /** One bucket per key, most expensive first; an empty range is a caller's mistake, not an empty answer. */
  async usage(tenantId: string, groupBy: LlmUsageDimension, range: TimeRange = {}): Promise<LlmUsageBucket[]> {
    const { since, until } = range;
    if (since && until && since >= until) throw appError(ErrorCode.BadUserInput, 'since must be before until', { argumentName: 'since' });
    return this.calls.usage(tenantId, groupBy, range);
  }
}

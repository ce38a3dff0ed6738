import { appError, ErrorCode } from '../../../platform/errors.js';
import type { LlmUsageBucket, LlmUsageDimension, TimeRange, UsageQuery, UsageScope } from './llm-usage-bucket.js';
import type { LlmUsageRepository } from './llm-usage-repository.js';

export interface TenantCost {
  tenantId: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
}

/** LLM usage reads, aggregated in SQL by the repository. Who may use which scope is the resolver's decision. */
export class LlmUsageService {
  constructor(private readonly calls: LlmUsageRepository) {}

  /** One bucket per key (per time bucket for a series); an empty range or grouping is a caller's mistake, not an empty answer. */
  async usage(scope: UsageScope, groupBy: readonly LlmUsageDimension[], query: UsageQuery = {}): Promise<LlmUsageBucket[]> {
    checkRange(query);
    const dimensions = [...new Set(groupBy)];
    if (dimensions.length === 0)
      throw appError(ErrorCode.BadUserInput, 'groupBy must name at least one dimension', { argumentName: 'groupBy' });
    return this.calls.usage(scope, dimensions, query);
  }

  /** Every tenant's spend in the range, most expensive first. */
  async costByTenant(range: TimeRange = {}): Promise<TenantCost[]> {
    const buckets = await this.usage({ allTenants: true }, ['TENANT'], range);
    return buckets.map(({ key, calls, inputTokens, outputTokens, costMicros }) => ({
      tenantId: key,
      calls,
      inputTokens,
      outputTokens,
      costMicros,
    }));
  }
}

function checkRange({ since, until }: TimeRange): void {
  if (since && until && since >= until) throw appError(ErrorCode.BadUserInput, 'since must be before until', { argumentName: 'since' });
}

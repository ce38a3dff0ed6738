import { appError, ErrorCode } from '../../../platform/errors.js';
import type { TimeRange } from '../llm-usage/llm-usage-bucket.js';
import { histogramQuantile } from './histogram-quantile.js';
import type { OperationTimingRepository } from './operation-timing-repository.js';

export interface OperationTiming {
  operationName: string;
  calls: number;
  errorRate: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export const MAX_SLOWEST_OPERATIONS = 100;

export class OperationTimingService {
  constructor(private readonly timings: OperationTimingRepository) {}

  /** The tenant's operations by p95 duration, slowest first (ties by the maximum). */
  async slowest(tenantId: string, range: TimeRange, limit = 10): Promise<OperationTiming[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SLOWEST_OPERATIONS) {
      throw appError(ErrorCode.BadUserInput, `limit must be 1 to ${MAX_SLOWEST_OPERATIONS}`, { argumentName: 'limit' });
    }
    const { since, until } = range;
    if (since && until && since >= until) throw appError(ErrorCode.BadUserInput, 'since must be before until', { argumentName: 'since' });
    const totals = await this.timings.totals(tenantId, range);
    return totals
      .map(({ operationName, calls, errors, totalMs, maxMs, histogram }) => ({
        operationName,
        calls,
        errorRate: errors / calls,
        meanMs: totalMs / calls,
        p50Ms: histogramQuantile(0.5, histogram, maxMs),
        p95Ms: histogramQuantile(0.95, histogram, maxMs),
        maxMs,
      }))
      .sort((a, b) => b.p95Ms - a.p95Ms || b.maxMs - a.maxMs || a.operationName.localeCompare(b.operationName))
      .slice(0, limit);
  }
}

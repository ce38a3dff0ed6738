import { appError, ErrorCode } from '../../../platform/errors.js';
import type { TimeRange } from '../llm-usage/llm-usage-bucket.js';
import type { PromptExperimentRepository, VariantAggregate } from './prompt-experiment-repository.js';
import { compareVariants, EXPERIMENT_METRICS, type VariantComparison } from './variant-comparison.js';

/** The variant the others are compared with when the caller names none (the prompt files call their control so). */
export const DEFAULT_BASELINE = 'baseline';

export interface VariantStats {
  variant: string;
  calls: number;
  errorRate: number;
  costMicros: number;
  meanLatencyMs: number;
  meanTokens: number;
  meanCostMicros: number;
  ratings: number;
  thumbsUp: number;
  thumbsUpRate: number | null;
}

export interface PromptExperiment {
  promptName: string;
  baseline: string | null;
  variants: VariantStats[];
  comparisons: VariantComparison[];
}

export class PromptExperimentService {
  constructor(private readonly experiments: PromptExperimentRepository) {}

  /**
   * Every recorded variant of the prompt with its stats, and each non-baseline variant compared with the baseline on
   * every metric. The baseline is the one asked for, else `baseline`, else the first variant by name.
   */
  async experiment(tenantId: string, promptName: string, range: TimeRange = {}, baseline?: string | null): Promise<PromptExperiment> {
    const name = promptName.trim();
    if (!name || name.length > 200) throw appError(ErrorCode.BadUserInput, 'name must be 1 to 200 characters', { argumentName: 'name' });
    const { since, until } = range;
    if (since && until && since >= until) throw appError(ErrorCode.BadUserInput, 'since must be before until', { argumentName: 'since' });
    const aggregates = await this.experiments.variants(tenantId, name, range);
    if (baseline && !aggregates.some((aggregate) => aggregate.variant === baseline)) {
      throw appError(ErrorCode.BadUserInput, `variant ${baseline} has no recorded calls of prompt ${name}`, { argumentName: 'baseline' });
    }
    const control =
      aggregates.find((aggregate) => aggregate.variant === (baseline ?? DEFAULT_BASELINE)) ??
      (aggregates[0] as VariantAggregate | undefined);
    const comparisons = control
      ? aggregates
          .filter((aggregate) => aggregate !== control)
          .flatMap((aggregate) => EXPERIMENT_METRICS.map((metric) => compareVariants(metric, control, aggregate)))
      : [];
    return { promptName: name, baseline: control?.variant ?? null, variants: aggregates.map(toStats), comparisons };
  }
}

function toStats(aggregate: VariantAggregate): VariantStats {
  return {
    variant: aggregate.variant,
    calls: aggregate.calls,
    errorRate: aggregate.errors / aggregate.calls,
    costMicros: aggregate.costMicros,
    meanLatencyMs: aggregate.latencyMean,
    meanTokens: aggregate.tokensMean,
    meanCostMicros: aggregate.costMean,
    ratings: aggregate.ratings,
    thumbsUp: aggregate.thumbsUp,
    thumbsUpRate: aggregate.ratings ? aggregate.thumbsUp / aggregate.ratings : null,
  };
}

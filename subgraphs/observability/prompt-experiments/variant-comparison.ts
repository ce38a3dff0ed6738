import {
  ALPHA,
  sampleSizeForMeans,
  sampleSizeForProportions,
  twoProportionZTest,
  welchZTest,
  type TestResult,
} from './experiment-statistics.js';
import type { VariantAggregate } from './prompt-experiment-repository.js';

export const EXPERIMENT_METRICS = ['THUMBS_UP_RATE', 'ERROR_RATE', 'LATENCY_MS', 'TOKENS', 'COST_MICROS'] as const;
export type ExperimentMetric = (typeof EXPERIMENT_METRICS)[number];

export interface VariantComparison {
  metric: ExperimentMetric;
  baseline: string;
  variant: string;
  baselineValue: number | null;
  variantValue: number | null;
  /** variantValue - baselineValue. */
  difference: number | null;
  test: string;
  pValue: number | null;
  significant: boolean;
  /** Per variant, to detect the observed difference at alpha 0.05 with power 0.8; null when there is no difference. */
  requiredSampleSize: number | null;
  baselineSamples: number;
  variantSamples: number;
  confidenceStatement: string;
}

interface MetricReading {
  value: number | null;
  samples: number;
}

const PROPORTIONS: Partial<Record<ExperimentMetric, (v: VariantAggregate) => { hits: number; n: number }>> = {
  THUMBS_UP_RATE: (v) => ({ hits: v.thumbsUp, n: v.ratings }),
  ERROR_RATE: (v) => ({ hits: v.errors, n: v.calls }),
};
const MEANS: Partial<Record<ExperimentMetric, (v: VariantAggregate) => { mean: number; variance: number }>> = {
  LATENCY_MS: (v) => ({ mean: v.latencyMean, variance: v.latencyVariance }),
  TOKENS: (v) => ({ mean: v.tokensMean, variance: v.tokensVariance }),
  COST_MICROS: (v) => ({ mean: v.costMean, variance: v.costVariance }),
};
const LABELS: Record<ExperimentMetric, string> = {
  THUMBS_UP_RATE: 'thumbs-up rate',
  ERROR_RATE: 'error rate',
  LATENCY_MS: 'mean latency (ms)',
  TOKENS: 'mean tokens per call',
  COST_MICROS: 'mean cost per call (micro-dollars)',
};

/** Compares one variant with the baseline on one metric. */
export function compareVariants(metric: ExperimentMetric, baseline: VariantAggregate, variant: VariantAggregate): VariantComparison {
  const proportion = PROPORTIONS[metric];
  let a: MetricReading;
  let b: MetricReading;
  let result: TestResult | null;
  let required: number | null;
  let test: string;
  if (proportion) {
    const [x, y] = [proportion(baseline), proportion(variant)];
    a = { value: x.n ? x.hits / x.n : null, samples: x.n };
    b = { value: y.n ? y.hits / y.n : null, samples: y.n };
    result = twoProportionZTest(x.hits, x.n, y.hits, y.n);
    required = a.value === null || b.value === null ? null : sampleSizeForProportions(a.value, b.value);
    test = 'two-proportion z-test';
  } else {
    const mean = MEANS[metric]!;
    const [x, y] = [mean(baseline), mean(variant)];
    a = { value: x.mean, samples: baseline.calls };
    b = { value: y.mean, samples: variant.calls };
    result = welchZTest({ n: baseline.calls, ...x }, { n: variant.calls, ...y });
    required = sampleSizeForMeans(y.mean - x.mean, Math.sqrt((x.variance + y.variance) / 2));
    test = "Welch's test, normal approximation";
  }
  const difference = a.value === null || b.value === null ? null : b.value - a.value;
  const significant = result !== null && result.pValue < ALPHA;
  return {
    metric,
    baseline: baseline.variant,
    variant: variant.variant,
    baselineValue: a.value,
    variantValue: b.value,
    difference,
    test,
    pValue: result?.pValue ?? null,
    significant,
    requiredSampleSize: required,
    baselineSamples: a.samples,
    variantSamples: b.samples,
    confidenceStatement: statement(metric, baseline.variant, variant.variant, a, b, result, required, test),
  };
}

const format = (metric: ExperimentMetric, value: number) =>
  PROPORTIONS[metric] ? `${(value * 100).toFixed(1)}%` : value.toFixed(value >= 100 ? 0 : 2);

function statement(
  metric: ExperimentMetric,
  baseline: string,
  variant: string,
  a: MetricReading,
  b: MetricReading,
  result: TestResult | null,
  required: number | null,
  test: string,
): string {
  const label = LABELS[metric];
  if (a.value === null || b.value === null || !result) {
    return `Not enough data to compare the ${label} of ${variant} (n=${b.samples}) with ${baseline} (n=${a.samples}).`;
  }
  const direction = b.value > a.value ? 'higher than' : b.value < a.value ? 'lower than' : 'the same as';
  const observed = `${variant}'s ${label} (${format(metric, b.value)}, n=${b.samples}) is ${direction} ${baseline}'s (${format(metric, a.value)}, n=${a.samples})`;
  const p = `${test}, p = ${result.pValue.toPrecision(2)}`;
  if (result.pValue < ALPHA) return `${observed}; the difference is significant at the 95% confidence level (${p}).`;
  const needed = required === null ? '' : `; about ${required} per variant would detect a difference this size with 80% power`;
  return `${observed}; the difference is not significant at the 95% confidence level (${p})${needed}.`;
}

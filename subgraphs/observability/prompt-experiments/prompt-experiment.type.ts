import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EXPERIMENT_METRICS, type ExperimentMetric } from './variant-comparison.js';

export const ExperimentMetricEnum = Object.fromEntries(EXPERIMENT_METRICS.map((m) => [m, m])) as { [K in ExperimentMetric]: K };
registerEnumType(ExperimentMetricEnum, {
  name: 'ExperimentMetric',
  description: 'THUMBS_UP_RATE per rated message; ERROR_RATE, LATENCY_MS, TOKENS and COST_MICROS per model call.',
});

@ObjectType('PromptVariantStats', {
  description: 'One A/B variant of a prompt: its model calls and the ratings of the answers it produced.',
})
export class PromptVariantStatsType {
  @Field(() => String) variant!: string;
  @Field(() => Int) calls!: number;
  @Field(() => Float) errorRate!: number;
  @Field(() => Float, { description: 'Total, micro-dollars.' }) costMicros!: number;
  @Field(() => Float) meanLatencyMs!: number;
  @Field(() => Float, { description: 'Input plus output tokens per call.' }) meanTokens!: number;
  @Field(() => Float) meanCostMicros!: number;
  @Field(() => Int, { description: 'Rated answers (one rating per user and message).' }) ratings!: number;
  @Field(() => Int) thumbsUp!: number;
  @Field(() => Float, { nullable: true, description: 'Null when no answer of the variant was rated.' }) thumbsUpRate!: number | null;
}

@ObjectType('VariantComparison', { description: 'One variant against the baseline on one metric, two-sided at alpha 0.05.' })
export class VariantComparisonType {
  @Field(() => ExperimentMetricEnum) metric!: ExperimentMetric;
  @Field(() => String) baseline!: string;
  @Field(() => String) variant!: string;
  @Field(() => Float, { nullable: true }) baselineValue!: number | null;
  @Field(() => Float, { nullable: true }) variantValue!: number | null;
  @Field(() => Float, { nullable: true, description: 'variantValue - baselineValue.' }) difference!: number | null;
  @Field(() => String, { description: 'The test used: two-proportion z-test (rates) or Welch’s statistic with a normal p-value (means).' })
  test!: string;
  @Field(() => Float, { nullable: true, description: 'Null when there is too little data or no variation to test.' }) pValue!:
    number | null;
  @Field(() => Boolean, { description: 'pValue < 0.05.' }) significant!: boolean;
  @Field(() => Int, {
    nullable: true,
    description: 'Samples per variant needed to detect the observed difference at alpha 0.05 with power 0.8; null when it is zero.',
  })
  requiredSampleSize!: number | null;
  @Field(() => Int) baselineSamples!: number;
  @Field(() => Int) variantSamples!: number;
  @Field(() => String) confidenceStatement!: string;
}

@ObjectType('PromptExperiment', { description: "A prompt's A/B variants in the caller's tenant, compared with the baseline." })
export class PromptExperimentType {
  @Field(() => String) promptName!: string;
  @Field(() => String, { nullable: true, description: 'Null when no call recorded a variant of the prompt.' }) baseline!: string | null;
  @Field(() => [PromptVariantStatsType]) variants!: PromptVariantStatsType[];
  @Field(() => [VariantComparisonType]) comparisons!: VariantComparisonType[];
}

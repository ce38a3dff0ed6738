import { Field, Float, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LLM_USAGE_DIMENSIONS, LLM_USAGE_INTERVALS, type LlmUsageDimension, type LlmUsageInterval } from './llm-usage-bucket.js';

export const LlmUsageDimensionEnum = Object.fromEntries(LLM_USAGE_DIMENSIONS.map((d) => [d, d])) as { [K in LlmUsageDimension]: K };
registerEnumType(LlmUsageDimensionEnum, {
  name: 'LlmUsageDimension',
  description:
    'What usage buckets are keyed by. PROMPT keys are `<name>.v<version>`, VARIANT keys `<name>.v<version>:<variant>` (`(none)` for calls ' +
    'recorded before variants were). TENANT is for the platform operator role only.',
});

export const LlmUsageIntervalEnum = Object.fromEntries(LLM_USAGE_INTERVALS.map((i) => [i, i])) as { [K in LlmUsageInterval]: K };
registerEnumType(LlmUsageIntervalEnum, { name: 'LlmUsageInterval', description: 'Width of the time buckets of a usage series (UTC).' });

@ObjectType('LlmUsageBucket', {
  description:
    'LLM calls sharing one key (and one time bucket in a series). Token and cost sums are Float because they can outgrow a 32-bit Int; they are whole numbers.',
})
export class LlmUsageBucketType {
  @Field(() => String, { description: 'The key parts joined by ` / `.' }) key!: string;
  @Field(() => [String], { description: 'One value per groupBy dimension, in its order.' }) keyParts!: string[];
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Start of the time bucket; null unless a bucket interval was asked for.',
  })
  bucketStart!: Date | null;
  @Field(() => Int) calls!: number;
  @Field(() => Float) inputTokens!: number;
  @Field(() => Float) outputTokens!: number;
  @Field(() => Float, { description: 'Micro-dollars (1 USD = 1,000,000).' }) costMicros!: number;
  @Field(() => Float, { description: 'Share of calls with outcome error, 0 to 1 (cancelled calls are not errors).' }) errorRate!: number;
  @Field(() => Float) latencyP50Ms!: number;
  @Field(() => Float) latencyP95Ms!: number;
  @Field(() => Float, { nullable: true, description: 'Null when no call in the bucket reported a first token (e.g. only errors).' })
  timeToFirstTokenP95Ms!: number | null;
}

@ObjectType('TenantCost', { description: "One tenant's LLM spend in a time range (platform operators only)." })
export class TenantCostType {
  @Field(() => String) tenantId!: string;
  @Field(() => Int) calls!: number;
  @Field(() => Float) inputTokens!: number;
  @Field(() => Float) outputTokens!: number;
  @Field(() => Float, { description: 'Micro-dollars (1 USD = 1,000,000).' }) costMicros!: number;
}

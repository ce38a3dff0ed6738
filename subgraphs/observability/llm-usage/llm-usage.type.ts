import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LLM_USAGE_DIMENSIONS, type LlmUsageDimension } from './llm-usage-bucket.js';

export const LlmUsageDimensionEnum = Object.fromEntries(LLM_USAGE_DIMENSIONS.map((d) => [d, d])) as { [K in LlmUsageDimension]: K };
registerEnumType(LlmUsageDimensionEnum, {
  name: 'LlmUsageDimension',
  description: 'What usage buckets are keyed by. PROMPT keys are `<name>.v<version>`.',
});

@ObjectType('LlmUsageBucket', {
  description:
    "LLM calls of the caller's tenant sharing one key. Token and cost sums are Float because they can outgrow a 32-bit Int; they are whole numbers.",
})
export class LlmUsageBucketType {
  @Field(() => String) key!: string;
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

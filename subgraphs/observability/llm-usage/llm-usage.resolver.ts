import { Arg, Ctx, GraphQLISODateTime, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { ObservabilityContext } from '../context.js';
import type { LlmUsageDimension } from './llm-usage-bucket.js';
import { LlmUsageBucketType, LlmUsageDimensionEnum } from './llm-usage.type.js';

@Resolver(() => LlmUsageBucketType)
export class LlmUsageResolver {
  @Query(() => [LlmUsageBucketType], { description: "LLM usage of the caller's tenant, most expensive first. Staff and admins only." })
  async llmUsage(
    @Ctx() context: ObservabilityContext,
    @Arg('groupBy', () => LlmUsageDimensionEnum) groupBy: LlmUsageDimension,
    @Arg('since', () => GraphQLISODateTime, { nullable: true, description: 'Inclusive; unbounded when omitted.' }) since?: Date | null,
    @Arg('until', () => GraphQLISODateTime, { nullable: true, description: 'Exclusive; unbounded when omitted.' }) until?: Date | null,
  ): Promise<LlmUsageBucketType[]> {
    const principal = requirePrincipal(context, 'staff', 'admin');
    return context.llmUsage.usage(principal.tenantId, groupBy, { since, until });
  }
}

import { Arg, Ctx, GraphQLISODateTime, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { ObservabilityContext } from '../context.js';
import type { LlmUsageDimension, LlmUsageInterval, UsageScope } from './llm-usage-bucket.js';
import { LlmUsageBucketType, LlmUsageDimensionEnum, LlmUsageIntervalEnum, TenantCostType } from './llm-usage.type.js';

@Resolver(() => LlmUsageBucketType)
export class LlmUsageResolver {
  @Query(() => [LlmUsageBucketType], {
    description:
      "LLM usage of the caller's tenant (of every tenant when grouped by TENANT, operators only): the series in time order, most " +
      'expensive first within a time bucket. Staff, admins and operators.',
  })
  async llmUsage(
    @Ctx() context: ObservabilityContext,
    @Arg('groupBy', () => [LlmUsageDimensionEnum], { description: 'One dimension or several; a single value is a list of one.' })
    groupBy: LlmUsageDimension[],
    @Arg('since', () => GraphQLISODateTime, { nullable: true, description: 'Inclusive; unbounded when omitted.' }) since?: Date | null,
    @Arg('until', () => GraphQLISODateTime, { nullable: true, description: 'Exclusive; unbounded when omitted.' }) until?: Date | null,
    @Arg('bucket', () => LlmUsageIntervalEnum, { nullable: true, description: 'Split into hourly or daily buckets, a series.' })
    bucket?: LlmUsageInterval | null,
  ): Promise<LlmUsageBucketType[]> {
    const acrossTenants = groupBy.includes('TENANT');
    // Grouping by tenant reads every tenant's calls: the platform operator's view, never a tenant admin's.
    const principal = acrossTenants ? requirePrincipal(context, 'operator') : requirePrincipal(context, 'staff', 'admin', 'operator');
    const scope: UsageScope = acrossTenants ? { allTenants: true } : { tenantId: principal.tenantId };
    return context.llmUsage.usage(scope, groupBy, { since, until, interval: bucket });
  }

  @Query(() => [TenantCostType], { description: 'LLM spend per tenant, most expensive first. Platform operators only.' })
  async costByTenant(
    @Ctx() context: ObservabilityContext,
    @Arg('since', () => GraphQLISODateTime, { nullable: true, description: 'Inclusive; unbounded when omitted.' }) since?: Date | null,
    @Arg('until', () => GraphQLISODateTime, { nullable: true, description: 'Exclusive; unbounded when omitted.' }) until?: Date | null,
  ): Promise<TenantCostType[]> {
    requirePrincipal(context, 'operator');
    return context.llmUsage.costByTenant({ since, until });
  }
}

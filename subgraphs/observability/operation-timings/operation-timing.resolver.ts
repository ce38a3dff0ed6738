import { Arg, Ctx, Field, Float, GraphQLISODateTime, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { ObservabilityContext } from '../context.js';

@ObjectType('OperationTiming', {
  description:
    'One GraphQL operation name as the gateway timed it. p50Ms and p95Ms are estimated from a fixed duration histogram ' +
    '(linear inside a bucket, never above maxMs); meanMs and maxMs are exact.',
})
export class OperationTimingType {
  @Field(() => String) operationName!: string;
  @Field(() => Int) calls!: number;
  @Field(() => Float) errorRate!: number;
  @Field(() => Float) meanMs!: number;
  @Field(() => Float) p50Ms!: number;
  @Field(() => Float) p95Ms!: number;
  @Field(() => Float) maxMs!: number;
}

@Resolver(() => OperationTimingType)
export class OperationTimingResolver {
  @Query(() => [OperationTimingType], {
    description: "The caller's tenant's slowest operations through the gateway by p95, per minute windows. Staff, admins and operators.",
  })
  async slowestOperations(
    @Ctx() context: ObservabilityContext,
    @Arg('since', () => GraphQLISODateTime, { nullable: true, description: 'Inclusive, by window start.' }) since?: Date | null,
    @Arg('until', () => GraphQLISODateTime, { nullable: true, description: 'Exclusive, by window start.' }) until?: Date | null,
    @Arg('limit', () => Int, { nullable: true, description: '1-100, default 10.' }) limit?: number | null,
  ): Promise<OperationTimingType[]> {
    const principal = requirePrincipal(context, 'staff', 'admin', 'operator');
    return context.operationTimings.slowest(principal.tenantId, { since, until }, limit ?? 10);
  }
}

import { Arg, Ctx, GraphQLISODateTime, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { ObservabilityContext } from '../context.js';
import { PromptExperimentType } from './prompt-experiment.type.js';

@Resolver(() => PromptExperimentType)
export class PromptExperimentResolver {
  @Query(() => PromptExperimentType, {
    description: "Compares the A/B variants of a prompt in the caller's tenant: calls, tokens, cost, latency, errors and ratings.",
  })
  async promptExperiment(
    @Ctx() context: ObservabilityContext,
    @Arg('name', () => String) name: string,
    @Arg('since', () => GraphQLISODateTime, { nullable: true, description: 'Inclusive; unbounded when omitted.' }) since?: Date | null,
    @Arg('until', () => GraphQLISODateTime, { nullable: true, description: 'Exclusive; unbounded when omitted.' }) until?: Date | null,
    @Arg('baseline', () => String, { nullable: true, description: 'The variant compared against; default `baseline`.' })
    baseline?: string | null,
  ): Promise<PromptExperimentType> {
    const principal = requirePrincipal(context, 'staff', 'admin', 'operator');
    return context.promptExperiments.experiment(principal.tenantId, name, { since, until }, baseline);
  }
}

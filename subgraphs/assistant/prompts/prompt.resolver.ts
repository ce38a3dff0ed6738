import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { AssistantContext } from '../context.js';
import { PromptType } from './prompt.type.js';

@Resolver(() => PromptType)
export class PromptResolver {
  @Query(() => [PromptType], { description: 'Every loaded prompt version, by name, newest version first.' })
  prompts(@Ctx() context: AssistantContext): PromptType[] {
    requirePrincipal(context);
    return context.prompts.list();
  }

  @Query(() => PromptType, { nullable: true, description: 'One prompt version; the newest when version is omitted.' })
  prompt(
    @Ctx() context: AssistantContext,
    @Arg('name', () => String) name: string,
    @Arg('version', () => Int, { nullable: true }) version?: number | null,
  ): PromptType | null {
    requirePrincipal(context);
    return context.prompts.get(name, version);
  }
}

import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { AssistantContext } from '../context.js';
import { PrivacySettingsType } from './privacy-settings.type.js';

@Resolver(() => PrivacySettingsType)
export class PrivacySettingsResolver {
  @Query(() => PrivacySettingsType, { description: "The caller's tenant's privacy settings. Admins only." })
  async privacySettings(@Ctx() context: AssistantContext): Promise<PrivacySettingsType> {
    const principal = requirePrincipal(context, 'admin');
    return context.privacy.get(principal.tenantId);
  }

  @Mutation(() => PrivacySettingsType, {
    description:
      "Admins only: replaces the regions whose national phone numbers the tenant's chats redact (1-20 ISO 3166 codes; " +
      'BAD_USER_INPUT names an unknown one). Applies to messages sent from then on; stored messages stay as they were.',
  })
  async updatePrivacySettings(
    @Ctx() context: AssistantContext,
    @Arg('phoneRegions', () => [String]) phoneRegions: string[],
  ): Promise<PrivacySettingsType> {
    const principal = requirePrincipal(context, 'admin');
    const settings = await context.privacy.setPhoneRegions(principal.tenantId, principal.userId, phoneRegions);
    context.log.info({ phoneRegions: settings.phoneRegions }, 'privacy settings changed');
    return settings;
  }
}

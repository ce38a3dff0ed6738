import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { OrdersContext } from '../context.js';
import { CreatePromotionInput, PromotionType } from './promotion.type.js';

@Resolver(() => PromotionType)
export class PromotionResolver {
  @Query(() => [PromotionType], { description: "The tenant's promotions, by code, active or not. Staff and admins only." })
  async promotions(@Ctx() context: OrdersContext): Promise<PromotionType[]> {
    const principal = requirePrincipal(context, 'staff', 'admin');
    return context.promotions.list(principal.tenantId);
  }

  @Mutation(() => PromotionType, {
    description: 'Staff and admins only. PROMO_CODE_TAKEN when the tenant already has the code (in any case).',
  })
  async createPromotion(
    @Ctx() context: OrdersContext,
    @Arg('input', () => CreatePromotionInput) input: CreatePromotionInput,
  ): Promise<PromotionType> {
    const principal = requirePrincipal(context, 'staff', 'admin');
    const promotion = await context.promotions.create(principal.tenantId, input);
    context.log.info({ promotionId: promotion.id, code: promotion.code }, 'promotion created');
    return promotion;
  }

  @Mutation(() => PromotionType, { description: 'Switches a promotion on or off for new orders. Staff and admins only.' })
  async setPromotionActive(
    @Ctx() context: OrdersContext,
    @Arg('code', () => String) code: string,
    @Arg('active', () => Boolean) active: boolean,
  ): Promise<PromotionType> {
    const principal = requirePrincipal(context, 'staff', 'admin');
    const promotion = await context.promotions.setActive(principal.tenantId, code, active);
    context.log.info({ promotionId: promotion.id, active }, 'promotion switched');
    return promotion;
  }
}

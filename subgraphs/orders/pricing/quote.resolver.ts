import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { OrdersContext } from '../context.js';
import { CreateOrderInput } from '../ordering/order.type.js';
import { QuoteType } from './quote.type.js';

@Resolver(() => QuoteType)
export class QuoteResolver {
  @Query(() => QuoteType, {
    description:
      'Prices a cart exactly as createOrder would, without placing it or using up the promotion. Promotion problems are errors (PROMO_*).',
  })
  async quote(@Ctx() context: OrdersContext, @Arg('input', () => CreateOrderInput) input: CreateOrderInput): Promise<QuoteType> {
    const principal = requirePrincipal(context);
    const priced = await context.orders.quote(principal, input);
    const { promotion } = priced;
    return {
      ...priced,
      taxRateBasisPoints: priced.taxRateBp,
      promotion: promotion ? { code: promotion.code, kind: promotion.kind, value: promotion.value } : null,
    };
  }
}

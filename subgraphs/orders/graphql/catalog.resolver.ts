import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { OrdersContext } from '../context.js';
import { ProductConnectionType, ProductType } from './product.type.js';

@Resolver(() => ProductType)
export class CatalogResolver {
  @Query(() => ProductConnectionType, { description: "The caller's tenant's catalog, ordered by name, cursor-paginated." })
  async products(
    @Ctx() context: OrdersContext,
    @Arg('first', () => Int, { nullable: true, description: '1-100, default 20' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('category', () => String, { nullable: true }) category?: string | null,
    @Arg('availableOnly', () => Boolean, { nullable: true }) availableOnly?: boolean | null,
  ): Promise<ProductConnectionType> {
    const principal = requirePrincipal(context);
    return context.catalog.listProducts(principal.tenantId, { category, availableOnly }, { first, after });
  }

  @Query(() => ProductType, { nullable: true })
  async product(@Ctx() context: OrdersContext, @Arg('id', () => ID) id: string): Promise<ProductType | null> {
    requirePrincipal(context);
    return context.productById.load(id);
  }
}

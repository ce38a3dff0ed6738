import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { OrdersContext } from '../context.js';
import { CreateProductInputType, ProductConnectionType, ProductFilterType, ProductType, UpdateProductInputType } from './product.type.js';

@Resolver(() => ProductType)
export class CatalogResolver {
  @Query(() => ProductConnectionType, {
    description: "The caller's tenant's catalog, cursor-paginated: by name, or by relevance when filter.text is given.",
  })
  async products(
    @Ctx() context: OrdersContext,
    @Arg('first', () => Int, { nullable: true, description: '1-100, default 20' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('filter', () => ProductFilterType, { nullable: true }) filter?: ProductFilterType | null,
  ): Promise<ProductConnectionType> {
    const principal = requirePrincipal(context);
    return context.catalog.listProducts(principal.tenantId, filter, { first, after });
  }

  @Query(() => ProductType, { nullable: true })
  async product(@Ctx() context: OrdersContext, @Arg('id', () => ID) id: string): Promise<ProductType | null> {
    requirePrincipal(context);
    return context.productById.load(id);
  }

  @Mutation(() => ProductType, {
    description: 'Staff and admins: adds a product. PRODUCT_SLUG_TAKEN when another product has the same slug.',
  })
  async createProduct(
    @Ctx() context: OrdersContext,
    @Arg('input', () => CreateProductInputType) input: CreateProductInputType,
  ): Promise<ProductType> {
    const principal = requirePrincipal(context, 'staff', 'admin');
    const product = await context.catalog.createProduct(principal.tenantId, input);
    context.log.info({ productId: product.id }, 'product created');
    return product;
  }

  @Mutation(() => ProductType, { description: 'Staff and admins: changes the given fields of a product.' })
  async updateProduct(
    @Ctx() context: OrdersContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateProductInputType) input: UpdateProductInputType,
  ): Promise<ProductType> {
    const principal = requirePrincipal(context, 'staff', 'admin');
    const product = await context.catalog.updateProduct(principal.tenantId, id, input);
    context.log.info({ productId: product.id }, 'product updated');
    return product;
  }

  @Mutation(() => ProductType, { description: 'Staff and admins: marks a product available or sold out.' })
  async setProductAvailability(
    @Ctx() context: OrdersContext,
    @Arg('id', () => ID) id: string,
    @Arg('available', () => Boolean) available: boolean,
  ): Promise<ProductType> {
    const principal = requirePrincipal(context, 'staff', 'admin');
    const product = await context.catalog.setProductAvailability(principal.tenantId, id, available);
    context.log.info({ productId: product.id, available }, 'product availability set');
    return product;
  }
}

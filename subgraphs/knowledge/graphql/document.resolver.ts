import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { KnowledgeContext } from '../context.js';
import { DocumentType, OrderHelpType } from './document.type.js';

@Resolver(() => DocumentType)
export class DocumentResolver {
  @Query(() => [DocumentType], { description: "The caller's tenant's documents, optionally in one scope." })
  async documents(@Ctx() context: KnowledgeContext, @Arg('scope', () => String, { nullable: true }) scope?: string | null): Promise<DocumentType[]> {
    return context.documents.list(requirePrincipal(context).tenantId, scope);
  }

  @Query(() => DocumentType, { nullable: true })
  async document(@Ctx() context: KnowledgeContext, @Arg('id', () => ID) id: string): Promise<DocumentType | null> {
    return context.documents.get(requirePrincipal(context).tenantId, id);
  }
}

@Resolver(() => OrderHelpType)
export class OrderHelpResolver {
  @FieldResolver(() => [DocumentType], { description: "Policies that apply to the order's current status (e.g. how to cancel while PENDING)." })
  @Directive('@requires(fields: "status")')
  async helpArticles(@Root() order: OrderHelpType, @Ctx() context: KnowledgeContext): Promise<DocumentType[]> {
    requirePrincipal(context);
    return context.helpArticlesByStatus.load(order.status);
  }
}

import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { KnowledgeContext } from '../context.js';
import { DocumentType } from '../documents/document.type.js';
import { OrderHelpType } from './order-help.type.js';

@Resolver(() => OrderHelpType)
export class OrderHelpResolver {
  @FieldResolver(() => [DocumentType], {
    description: "Policies that apply to the order's current status (e.g. how to cancel while PENDING).",
  })
  @Directive('@requires(fields: "status")')
  async helpArticles(@Root() order: OrderHelpType, @Ctx() context: KnowledgeContext): Promise<DocumentType[]> {
    requirePrincipal(context);
    return context.helpArticlesByStatus.load(order.status) as Promise<DocumentType[]>;
  }
}

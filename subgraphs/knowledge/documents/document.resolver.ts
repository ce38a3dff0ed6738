import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { KnowledgeContext } from '../context.js';
import { ChunkType, DocumentType } from './document.type.js';

@Resolver(() => DocumentType)
export class DocumentResolver {
  @Query(() => [DocumentType], { description: "The caller's tenant's documents, optionally in one scope." })
  async documents(
    @Ctx() context: KnowledgeContext,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
  ): Promise<DocumentType[]> {
    return context.documents.list(requirePrincipal(context).tenantId, scope) as Promise<DocumentType[]>;
  }

  @Query(() => DocumentType, { nullable: true })
  async document(@Ctx() context: KnowledgeContext, @Arg('id', () => ID) id: string): Promise<DocumentType | null> {
    return context.documents.get(requirePrincipal(context).tenantId, id) as Promise<DocumentType | null>;
  }

  @FieldResolver(() => [ChunkType], { description: 'The chunks as indexed, in document order.' })
  async chunks(@Root() document: DocumentType, @Ctx() context: KnowledgeContext): Promise<ChunkType[]> {
    return context.chunksByDocument.load(document.id);
  }

  @Mutation(() => Boolean, { description: 'Deletes a document and its chunks. Staff and admins. False when there was no such document.' })
  async deleteDocument(@Ctx() context: KnowledgeContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    const principal = requirePrincipal(context, 'staff', 'admin');
    const deleted = await context.documents.delete(principal.tenantId, id);
    if (deleted) {
      await context.helpArticles.invalidate(principal.tenantId);
      context.log.info({ documentId: id }, 'document deleted');
    }
    return deleted;
  }
}

import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { appError, ErrorCode } from '../../../platform/errors.js';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import type { KnowledgeContext } from '../context.js';
import { ChunkType, DocumentType } from './document.type.js';

/**
 * Listings are paged: one request never reads a tenant's whole knowledge base (a result that size grows the embedded
 * database's WebAssembly heap for good, and the response buffers with it; docs/security.md, "Memory").
 */
export const MAX_DOCUMENTS_PAGE = 100;
export const MAX_CHUNKS_PAGE = 100;
/**
 * Defaults: `documents { chunks { … } }` (50 × 10) and `orders(first: 20) { helpArticles { chunks { … } } }` stay well
 * under the operation cost limit (Document.chunks is costed as 10, as before it had a page); the maxima together do not.
 */
const DEFAULT_DOCUMENTS_PAGE = 50;
const DEFAULT_CHUNKS_PAGE = 10;

function pageArguments(first: number, offset: number, max: number): { first: number; offset: number } {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw appError(ErrorCode.BadUserInput, `first must be an integer from 1 to ${max}`, { argumentName: 'first' });
  }
  if (!Number.isInteger(offset) || offset < 0)
    throw appError(ErrorCode.BadUserInput, 'offset must not be negative', { argumentName: 'offset' });
  return { first, offset };
}

@Resolver(() => DocumentType)
export class DocumentResolver {
  @Query(() => [DocumentType], {
    description: `The caller's tenant's documents, optionally in one scope, by title: \`first\` (1-${MAX_DOCUMENTS_PAGE}, default ${DEFAULT_DOCUMENTS_PAGE}) of them from \`offset\`.`,
  })
  async documents(
    @Ctx() context: KnowledgeContext,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
    @Arg('first', () => Int, { defaultValue: DEFAULT_DOCUMENTS_PAGE }) first = DEFAULT_DOCUMENTS_PAGE,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset = 0,
  ): Promise<DocumentType[]> {
    const { tenantId } = requirePrincipal(context);
    return context.documents.list(tenantId, scope, pageArguments(first, offset, MAX_DOCUMENTS_PAGE)) as Promise<DocumentType[]>;
  }

  @Query(() => DocumentType, { nullable: true })
  async document(@Ctx() context: KnowledgeContext, @Arg('id', () => ID) id: string): Promise<DocumentType | null> {
    return context.documents.get(requirePrincipal(context).tenantId, id) as Promise<DocumentType | null>;
  }

  @FieldResolver(() => [ChunkType], {
    description: `The chunks as indexed, in document order: \`first\` (1-${MAX_CHUNKS_PAGE}, default ${DEFAULT_CHUNKS_PAGE}) of them from position \`offset\`.`,
  })
  async chunks(
    @Root() document: DocumentType,
    @Ctx() context: KnowledgeContext,
    @Arg('first', () => Int, { defaultValue: DEFAULT_CHUNKS_PAGE }) first = DEFAULT_CHUNKS_PAGE,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset = 0,
  ): Promise<ChunkType[]> {
    return context.chunksByDocument(pageArguments(first, offset, MAX_CHUNKS_PAGE)).load(document.id);
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

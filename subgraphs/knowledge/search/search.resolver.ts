import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import { appError, ErrorCode } from '../../../platform/errors.js';
import { assembleContext } from '../context-assembly/assemble-context.js';
import type { KnowledgeContext } from '../context.js';
import type { SearchHit, SearchMode } from './search-service.js';
import { DocumentType } from '../documents/document.type.js';
import { AssembledContextType, SearchHitType, SearchModeEnum } from './search.type.js';

const MAX_TOKEN_BUDGET = 8000;

@Resolver(() => SearchHitType)
export class SearchResolver {
  @Query(() => [SearchHitType], {
    description:
      "Searches the caller's tenant's chunks, best first. rerank re-scores the top 50 first-stage candidates with the configured reranker. " +
      'Errors: BAD_USER_INPUT (empty or over 1000 characters, first outside 1-50), EMBEDDER_CHANGED (vectors need a reindex; KEYWORD still works).',
  })
  async search(
    @Ctx() context: KnowledgeContext,
    @Arg('query', () => String) query: string,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
    @Arg('first', () => Int, { defaultValue: 10 }) first = 10,
    @Arg('mode', () => SearchModeEnum, { defaultValue: 'HYBRID' }) mode: SearchMode = 'HYBRID',
    @Arg('rerank', () => Boolean, { defaultValue: false }) rerank = false,
  ): Promise<SearchHit[]> {
    const { tenantId } = requirePrincipal(context);
    return context.search.search({ tenantId, scope: scope ?? null, query, first, mode, rerank });
  }

  @FieldResolver(() => DocumentType)
  async document(@Root() hit: SearchHit, @Ctx() context: KnowledgeContext): Promise<DocumentType> {
    const document = await context.documentById.load(hit.chunk.documentId);
    // The chunk was read a moment ago under the same tenant; only a concurrent delete gets here.
    if (!document) throw appError(ErrorCode.NotFound, `Document ${hit.chunk.documentId} was deleted.`);
    return document as DocumentType;
  }

  @Query(() => AssembledContextType, {
    description:
      'Context for a prompt: a hybrid, reranked search whose passages are fitted into tokenBudget (cl100k tokens) with near-duplicates dropped, each with its document and chunk IDs for citations.',
  })
  async assembleContext(
    @Ctx() context: KnowledgeContext,
    @Arg('query', () => String) query: string,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
    @Arg('tokenBudget', () => Int, { defaultValue: 1200 }) tokenBudget = 1200,
  ): Promise<AssembledContextType> {
    const { tenantId } = requirePrincipal(context);
    if (!Number.isInteger(tokenBudget) || tokenBudget < 50 || tokenBudget > MAX_TOKEN_BUDGET) {
      throw appError(ErrorCode.BadUserInput, `tokenBudget must be an integer from 50 to ${MAX_TOKEN_BUDGET}.`, { field: 'tokenBudget' });
    }
    const hits = await context.search.search({ tenantId, scope: scope ?? null, query, first: 20, mode: 'HYBRID', rerank: true });
    const assembled = assembleContext(
      hits.map((hit) => ({
        chunkId: hit.chunk.id,
        documentId: hit.chunk.documentId,
        documentTitle: hit.chunk.title,
        headingPath: hit.chunk.headingPath,
        text: hit.chunk.text,
        score: hit.score,
      })),
      { tokenBudget },
    );
    return { passages: assembled.passages, tokenCount: assembled.tokenCount, droppedCount: assembled.dropped.length };
  }
}

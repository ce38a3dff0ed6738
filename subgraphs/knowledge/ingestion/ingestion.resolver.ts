import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import { appError, ErrorCode } from '../../../platform/errors.js';
import type { KnowledgeContext } from '../context.js';
import type { IngestionJob } from './ingestion-job.entity.js';
import { requireContent } from './ingestion-service.js';
import { IngestDocumentInput, IngestionJobType } from './ingestion.type.js';
import { validateIngestInput, validateScope } from './ingestion-input.js';

@Resolver(() => IngestionJobType)
export class IngestionResolver {
  @Mutation(() => IngestionJobType, {
    description:
      'Queues a document for extraction, chunking, embedding and indexing; returns the job at once. Staff and admins. ' +
      'The same content (by sha256 of its extracted text) is stored once per tenant: a repeat finishes with deduplicated = true. ' +
      'Bad content fails the job with DOCUMENT_TOO_LARGE, UNSUPPORTED_DOCUMENT or DOCUMENT_UNREADABLE and stores nothing.',
  })
  async ingestDocument(
    @Ctx() context: KnowledgeContext,
    @Arg('input', () => IngestDocumentInput) input: IngestDocumentInput,
  ): Promise<IngestionJob> {
    const principal = requirePrincipal(context, 'staff', 'admin');
    validateIngestInput(input);
    const content = requireContent({ text: input.text, base64: input.contentBase64, bytes: input.file?.bytes ?? null });
    const job = await context.ingestion.submit(principal.tenantId, principal.userId, {
      title: input.title ?? null,
      scope: input.scope,
      tags: input.tags ?? [],
      metadata: input.metadata ?? {},
      format: input.format,
      content,
      sourceName: input.sourceName ?? input.file?.filename ?? null,
    });
    context.log.info({ jobId: job.id, scope: input.scope, format: input.format }, 'document ingestion queued');
    return job;
  }

  @Mutation(() => IngestionJobType, {
    description:
      "Re-chunks and re-embeds the tenant's documents (one scope, or all) with the configured chunking and embedder, e.g. after changing the embedder. Admins.",
  })
  async reindex(
    @Ctx() context: KnowledgeContext,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
  ): Promise<IngestionJob> {
    const principal = requirePrincipal(context, 'admin');
    if (scope) validateScope(scope);
    return context.ingestion.submitReindex(principal.tenantId, principal.userId, scope ?? null);
  }

  @Query(() => IngestionJobType, { nullable: true, description: "An ingestion or reindex job of the caller's tenant. Staff and admins." })
  async ingestionJob(@Ctx() context: KnowledgeContext, @Arg('id', () => ID) id: string): Promise<IngestionJob | null> {
    return context.jobs.get(requirePrincipal(context, 'staff', 'admin').tenantId, id);
  }

  @Subscription(() => IngestionJobType, {
    description: "The job's current state, then each change of stage or count; completes after SUCCEEDED or FAILED. Staff and admins.",
    subscribe: async function* ({ args, context }) {
      const knowledge = context as KnowledgeContext;
      const principal = requirePrincipal(knowledge, 'staff', 'admin');
      let found = false;
      for await (const job of knowledge.jobs.follow(principal.tenantId, args.jobId as string)) {
        found = true;
        yield job;
      }
      if (!found) throw appError(ErrorCode.NotFound, `No ingestion job ${String(args.jobId)}.`);
    },
  })
  ingestionProgress(@Root() job: IngestionJob, @Arg('jobId', () => ID) _jobId: string): IngestionJob {
    return job;
  }
}

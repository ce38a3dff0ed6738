import type { GraphQLError } from 'graphql';
import { appError, ErrorCode } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import { counter, histogram } from '../../../platform/metrics/metrics.js';
import type { DocumentRepository } from '../documents/document-repository.js';
import type { ChunkIndexRepository } from '../search/chunk-index-repository.js';
import type { IngestionJob } from './ingestion-job.entity.js';
import { bulkIngest, type BulkIngestOptions } from './bulk-ingest.js';
import type { DocumentFormat } from './extract-text.js';
import type { IngestRequest } from './ingest-request.js';
import { chunkAndEmbed, prepareDocument, type PrepareOptions } from './prepare-document.js';
import type { DocumentWriteRepository } from './document-write-repository.js';
import type { IngestionJobService } from './ingestion-job-service.js';
import { defaultConsumerName } from '../../../platform/events/default-consumer-name.js';
import { SerialQueue } from './serial-queue.js';
import { IngestionErrorCode } from './ingestion-error-code.js';
import type { ClaimedJob } from './ingestion-job-repository.js';
import { IngestionWorker, type IngestionQueueOptions } from './ingestion-worker.js';

/** Planner statistics are refreshed after this many new chunks (see ChunkIndexRepository.analyze). */
const ANALYZE_AFTER_CHUNKS = 500;

const ingestions = counter({
  name: 'ragline_knowledge_ingestions_total',
  help: 'Ingestion jobs by kind and outcome',
  labelNames: ['kind', 'outcome'],
});
const jobSeconds = histogram({
  name: 'ragline_knowledge_ingestion_duration_seconds',
  help: 'Ingestion job time from being queued to its end, by kind and outcome',
  labelNames: ['kind', 'outcome'],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
});
const chunksEmbedded = counter({
  name: 'ragline_knowledge_chunks_embedded_total',
  help: 'Chunks embedded and stored by finished ingestion jobs, by kind (their rate is chunks per second)',
  labelNames: ['kind'],
});

function recordJobEnd(job: IngestionJob, outcome: string): void {
  ingestions.inc({ kind: job.kind, outcome });
  jobSeconds.observe({ kind: job.kind, outcome }, Math.max(0, Date.now() - job.createdAt.getTime()) / 1000);
  if (outcome === 'succeeded') chunksEmbedded.inc({ kind: job.kind }, job.chunksTotal);
}

/**
 * Runs ingestion and reindex jobs one at a time in the background: extraction, chunking and embedding happen outside
 * any transaction, then the document and its chunks are written in one. A failure marks the job FAILED with the
 * error's code and writes nothing. Jobs are queued in the database and claimed by whichever replica's worker is free
 * (see IngestionWorker), so a job outlives the replica that accepted it.
 */
export class IngestionService {
  private readonly queue = new SerialQueue();
  private readonly worker: IngestionWorker;
  private readonly queueOptions: IngestionQueueOptions;
  private chunksSinceAnalyze = 0;

  constructor(
    private readonly jobs: IngestionJobService,
    private readonly documents: DocumentRepository,
    private readonly writes: DocumentWriteRepository,
    private readonly chunkIndex: ChunkIndexRepository,
    private readonly prepare: PrepareOptions,
    private readonly logger: Logger,
    /** Told after a document was stored or re-chunked, e.g. to drop cached reads of the tenant's documents. */
    private readonly onDocumentsChanged: (tenantId: string) => Promise<void> = async () => undefined,
    queue: Partial<IngestionQueueOptions> = {},
  ) {
    this.queueOptions = { worker: defaultConsumerName(), leaseMs: 30_000, pollMs: 1000, maxAttempts: 3, ...queue };
    this.worker = new IngestionWorker(jobs, (claimed) => this.runClaimed(claimed), this.queueOptions, logger);
  }

  /** Starts taking jobs from the shared queue (else the first submit here starts it). */
  start(): void {
    this.worker.start();
  }

  /** Queues the document and returns its job at once; `ingestionJob`/`ingestionProgress` follow it. */
  async submit(tenantId: string, userId: string, request: IngestRequest): Promise<IngestionJob> {
    const job = await this.jobs.create(tenantId, userId, 'INGEST', { title: request.title ?? null, scope: request.scope }, request);
    this.worker.start();
    this.worker.wake();
    return job;
  }

  /** Ingests here and now and returns the finished job (seeding, evaluation); claimed at creation, so no other worker takes it. */
  async ingestAndWait(tenantId: string, userId: string, request: IngestRequest): Promise<IngestionJob> {
    const { worker, leaseMs } = this.queueOptions;
    const fields = { title: request.title ?? null, scope: request.scope };
    const job = await this.jobs.create(tenantId, userId, 'INGEST', fields, request, { worker, leaseMs });
    const release = this.worker.keepLeased({ job, request });
    try {
      return await this.queue.run(() => this.runIngest(job, request));
    } finally {
      release();
    }
  }

  /** Re-chunks and re-embeds the tenant's documents (one scope, or all) with the configured chunking and embedder. */
  async submitReindex(tenantId: string, userId: string, scope: string | null): Promise<IngestionJob> {
    const job = await this.jobs.create(tenantId, userId, 'REINDEX', { scope });
    this.worker.start();
    this.worker.wake();
    return job;
  }

  /** Stops taking jobs; resolves once the running one has ended. Queued jobs wait in the database for any replica. */
  async close(): Promise<void> {
    await this.worker.stop();
    await this.queue.idle();
  }

  private async runClaimed({ job, request }: ClaimedJob): Promise<IngestionJob> {
    if (job.attempts > this.queueOptions.maxAttempts) {
      ingestions.inc({ kind: job.kind, outcome: 'failed' });
      this.logger.error({ jobId: job.id, tenant: job.tenantId, attempts: job.attempts }, 'ingestion job abandoned');
      return this.jobs.update(job, {
        status: 'FAILED',
        errorCode: IngestionErrorCode.IngestionAbandoned,
        errorMessage: `The job was interrupted ${job.attempts - 1} times (its replica stopped mid-way); nothing more was stored.`,
      });
    }
    if (job.kind === 'REINDEX') return this.queue.run(() => this.runReindex(job));
    if (!request) return this.fail(job, new Error(`ingestion job ${job.id} has no stored request`));
    return this.queue.run(() => this.runIngest(job, request));
  }

  /**
   * Loads many documents at once (evaluation corpora, imports): see {@link bulkIngest}. Invalid documents throw;
   * nothing of their batch (or of later batches) is stored.
   */
  async bulkIngest(tenantId: string, requests: IngestRequest[], options: BulkIngestOptions = {}): Promise<string[]> {
    const inserted = await bulkIngest({ writes: this.writes, prepare: this.prepare }, tenantId, requests, options);
    if (inserted.length > 0) await this.onDocumentsChanged(tenantId);
    await this.chunkIndex.analyze();
    return inserted;
  }

  /** Resolves when this replica's worker finds nothing left to claim and nothing runs here (tests, seeding). */
  async idle(): Promise<void> {
    await this.worker.idle();
    await this.queue.idle();
  }

  private async runIngest(initial: IngestionJob, request: IngestRequest): Promise<IngestionJob> {
    // A job taken over from a replica that died starts from nothing again: so do its counters, else progress would
    // show the dead attempt's counts and then run backwards.
    const restart = initial.attempts > 1 ? { chunksTotal: 0, chunksEmbedded: 0 } : {};
    let job = await this.jobs.update(initial, { status: 'EXTRACTING', ...restart });
    try {
      let existingId: string | null = null;
      const prepared = await prepareDocument(request, this.prepare, {
        onExtracted: async ({ contentHash, title }) => {
          existingId = await this.documents.findIdByContentHash(job.tenantId, contentHash);
          job = await this.jobs.update(job, existingId ? { title } : { title, status: 'CHUNKING' });
          return existingId ? 'stop' : 'continue';
        },
        onChunked: async (chunksTotal) => {
          job = await this.jobs.update(job, { status: 'EMBEDDING', chunksTotal });
        },
        onEmbedded: async (chunksEmbedded) => {
          job = await this.jobs.update(job, { chunksEmbedded });
        },
      });
      if (!prepared) return await this.succeed(job, { documentId: existingId, deduplicated: true });
      job = await this.jobs.update(job, { status: 'INDEXING' });
      const { id, created } = await this.writes.insert(job.tenantId, { ...request, format: request.format }, prepared);
      return await this.succeed(job, { documentId: id, deduplicated: !created });
    } catch (error) {
      return this.fail(job, error);
    }
  }

  private async runReindex(initial: IngestionJob): Promise<IngestionJob> {
    let job = initial;
    try {
      const documents = await this.documents.forReindex(job.tenantId, job.scope);
      job = await this.jobs.update(job, { status: 'EMBEDDING', documentsTotal: documents.length });
      let chunksDone = 0;
      for (const [index, document] of documents.entries()) {
        const extracted = { text: document.body, format: document.format as DocumentFormat };
        const chunks = await chunkAndEmbed(extracted, document.title, document.scope, this.prepare);
        await this.writes.replaceChunks(job.tenantId, document, chunks);
        chunksDone += chunks.length;
        job = await this.jobs.update(job, { documentsDone: index + 1, chunksTotal: chunksDone, chunksEmbedded: chunksDone });
      }
      return await this.succeed(job, {});
    } catch (error) {
      return this.fail(job, error);
    }
  }

  private async succeed(job: IngestionJob, changes: { documentId?: string | null; deduplicated?: boolean }): Promise<IngestionJob> {
    recordJobEnd(job, changes.deduplicated ? 'deduplicated' : 'succeeded');
    if (!changes.deduplicated) await this.onDocumentsChanged(job.tenantId);
    this.chunksSinceAnalyze += job.chunksTotal;
    if (this.chunksSinceAnalyze >= ANALYZE_AFTER_CHUNKS) {
      this.chunksSinceAnalyze = 0;
      await this.chunkIndex.analyze();
    }
    const done = await this.jobs.update(job, { ...changes, status: 'SUCCEEDED', ...(job.kind === 'INGEST' ? { documentsDone: 1 } : {}) });
    this.logger.info(
      {
        jobId: job.id,
        tenant: job.tenantId,
        kind: job.kind,
        documentId: done.documentId,
        deduplicated: done.deduplicated,
        chunks: done.chunksTotal,
      },
      'ingestion job succeeded',
    );
    return done;
  }

  private async fail(job: IngestionJob, error: unknown): Promise<IngestionJob> {
    const code = expectedCode(error);
    recordJobEnd(job, 'failed');
    if (code === ErrorCode.Internal) this.logger.error({ err: error, jobId: job.id, tenant: job.tenantId }, 'ingestion job crashed');
    else this.logger.warn({ jobId: job.id, tenant: job.tenantId, code }, 'ingestion job refused the document');
    const message = code === ErrorCode.Internal ? 'Ingestion failed unexpectedly; nothing was stored.' : (error as Error).message;
    return this.jobs.update(job, { status: 'FAILED', errorCode: code, errorMessage: message });
  }
}

/** Errors thrown on purpose carry a stable code; anything else is reported as internal, without its message. */
function expectedCode(error: unknown): string {
  const code = (error as GraphQLError | undefined)?.extensions?.code;
  return typeof code === 'string' ? code : ErrorCode.Internal;
}

export function requireContent(content: { text?: string | null; base64?: string | null; bytes?: Uint8Array | null }): Uint8Array | string {
  const given = [content.text, content.base64, content.bytes].filter((value) => value !== undefined && value !== null);
  if (given.length !== 1) throw appError(ErrorCode.BadUserInput, 'Give exactly one of text, contentBase64 or file.', { field: 'content' });
  if (content.text !== undefined && content.text !== null) return content.text;
  if (content.bytes) return content.bytes;
  const base64 = content.base64!.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 === 1) {
    throw appError(ErrorCode.BadUserInput, 'contentBase64 is not valid base64.', { field: 'contentBase64' });
  }
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

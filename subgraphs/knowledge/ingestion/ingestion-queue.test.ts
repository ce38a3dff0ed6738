import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logger.js';
import { RandomEmbedder } from '../../../test/support/knowledge-search-fixtures.js';
import { scratchKnowledgeDatabasePerFile } from '../../../test/support/scratch-knowledge-database-per-file.js';
import { waitFor } from '../../../test/support/wait-for.js';
import { DocumentRepository } from '../documents/document-repository.js';
import { ChunkIndexRepository } from '../search/chunk-index-repository.js';
import { ChunkRepository } from '../search/chunk-repository.js';
import { ChunkTable } from '../search/chunk-table.js';
import { DocumentWriteRepository } from './document-write-repository.js';
import { IngestionJobRepository, JobTakenOver, type JobUpdate } from './ingestion-job-repository.js';
import { IngestionJobService } from './ingestion-job-service.js';
import { IngestionService } from './ingestion-service.js';

const database = scratchKnowledgeDatabasePerFile();
const em = () => database().em();
const embedder = new RandomEmbedder(32);
const logger = createLogger({ level: 'silent', service: 'test' });
const request = (text: string) => ({
  scope: 'policies',
  format: 'MARKDOWN' as const,
  content: text,
  tags: [],
  metadata: {},
  sourceName: null,
});

/** A knowledge replica's ingestion on the shared database, with a short lease and a fast poll. */
function replica(worker: string, maxAttempts = 3, repository = new IngestionJobRepository(em)): IngestionService {
  const table = ChunkTable.for(em(), embedder);
  const chunks = new ChunkRepository(em, table);
  const documents = new DocumentRepository(em, chunks);
  const jobs = new IngestionJobService(repository);
  const writes = new DocumentWriteRepository(em, documents, chunks);
  return new IngestionService(jobs, documents, writes, new ChunkIndexRepository(em, table), { embedder }, logger, undefined, {
    worker,
    leaseMs: 300,
    pollMs: 50,
    maxAttempts,
  });
}

/**
 * A replica that died mid-job leaves exactly this behind: a claimed job, part-way through, whose lease is never
 * renewed again. The queue is what is under test, so the dead replica is played by a bare claim.
 */
async function jobLeftByADeadReplica(text: string, attemptsBefore = 0) {
  const repository = new IngestionJobRepository(em);
  const job = await repository.create('demo', 'sam', 'INGEST', { scope: 'policies' }, request(text));
  for (let attempt = 0; attempt < attemptsBefore; attempt += 1) {
    await em().execute(`update "${em().config.get('schema')}"."ingestion_jobs" set attempts = attempts + 1 where id = ?`, [job.id]);
  }
  const claimed = await repository.claim('dead-replica', 200);
  expect(claimed?.job.id).toBe(job.id);
  const midway = { ...claimed!.job };
  await repository.update(midway, { status: 'EMBEDDING', chunksTotal: 3 }, { updatedAt: new Date(), finishedAt: null });
  return { repository, job: midway };
}

describe('the ingestion queue shared by knowledge replicas', () => {
  it('hands a job whose replica died to another once its lease lapsed; the dead one can no longer write it', async () => {
    const { repository, job } = await jobLeftByADeadReplica('# Farms\n\nOur sourcing notes describe farms and suppliers.');
    const survivor = replica('survivor');
    survivor.start();
    await waitFor(async () => (await repository.get('demo', job.id))?.status === 'SUCCEEDED', 'the job finished by the survivor', 10_000);
    const finished = await repository.get('demo', job.id);
    expect(finished).toMatchObject({ status: 'SUCCEEDED', claimedBy: 'survivor', attempts: 2, leaseUntil: null });
    expect(finished!.documentId).toEqual(expect.any(String));
    // The dead replica's late write (it was only partitioned, say) changes nothing.
    await expect(repository.update(job, { status: 'FAILED' }, { updatedAt: new Date(), finishedAt: new Date() })).rejects.toBeInstanceOf(
      JobTakenOver,
    );
    expect((await repository.get('demo', job.id))?.status).toBe('SUCCEEDED');
    await survivor.close();
  });

  it('starts the counters of a job taken over from a dead replica again, so its progress never runs backwards', async () => {
    const { repository, job } = await jobLeftByADeadReplica('# Mills\n\nOur flour comes from two mills in the valley.');
    const written: JobUpdate[] = [];
    const recording = new (class extends IngestionJobRepository {
      override update(...args: Parameters<IngestionJobRepository['update']>) {
        if (args[0].id === job.id) written.push(args[1]);
        return super.update(...args);
      }
    })(em);
    const survivor = replica('survivor', 3, recording);
    survivor.start();
    await waitFor(async () => (await repository.get('demo', job.id))?.status === 'SUCCEEDED', 'the job finished by the survivor', 10_000);
    // The dead replica had reached 3 chunks; the survivor's first word is that it starts again from none.
    expect(written[0]).toMatchObject({ status: 'EXTRACTING', chunksTotal: 0, chunksEmbedded: 0 });
    await survivor.close();
  });

  it('fails a job with INGESTION_ABANDONED once it was claimed more often than allowed', async () => {
    const { repository, job } = await jobLeftByADeadReplica('# Suppliers\n\nWe list every supplier of the kitchen.', 1);
    const survivor = replica('survivor', 2);
    survivor.start();
    await waitFor(async () => (await repository.get('demo', job.id))?.status === 'FAILED', 'the job given up', 10_000);
    expect(await repository.get('demo', job.id)).toMatchObject({ errorCode: 'INGESTION_ABANDONED', attempts: 3 });
    await survivor.close();
  });

  it('lets one replica claim a job only once while its lease holds, across workers', async () => {
    const repository = new IngestionJobRepository(em);
    const job = await repository.create('demo', 'sam', 'INGEST', { scope: 'policies' }, request('# One\n\nOnly one worker takes me.'));
    const claims = await Promise.all([repository.claim('w1', 10_000), repository.claim('w2', 10_000)]);
    expect(claims.filter((claim) => claim?.job.id === job.id)).toHaveLength(1);
    const claimed = claims.find((claim) => claim?.job.id === job.id)!;
    expect(claimed.request).toMatchObject({ content: '# One\n\nOnly one worker takes me.', format: 'MARKDOWN' });
    await repository.update(claimed.job, { status: 'FAILED' }, { updatedAt: new Date(), finishedAt: new Date() });
  });
});

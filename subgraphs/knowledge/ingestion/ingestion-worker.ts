import type { Logger } from '../../../platform/logger.js';
import type { ClaimedJob } from './ingestion-job-repository.js';
import type { IngestionJobService } from './ingestion-job-service.js';

export interface IngestionQueueOptions {
  /** This replica's name on the jobs it claims. */
  worker: string;
  /** How long a claim holds without renewal (renewed every third of it); a dead replica's job waits this long. @default 30_000 */
  leaseMs: number;
  /** How often an idle worker looks for jobs other replicas queued or abandoned. @default 1000 */
  pollMs: number;
  /** Claims of one job before it fails with INGESTION_ABANDONED. @default 3 */
  maxAttempts: number;
}

/**
 * Takes jobs from the shared queue (the ingestion_jobs table) one at a time: woken at once for a job submitted here,
 * and every `pollMs` for jobs submitted on other replicas or left by a replica that died. While a job runs its lease
 * is renewed; `run` is handed the claim and must finish (or fail) the job.
 */
export class IngestionWorker {
  private stopped = false;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private idleWaiters: (() => void)[] = [];
  private loop: Promise<void> | undefined;

  constructor(
    private readonly jobs: IngestionJobService,
    private readonly run: (claimed: ClaimedJob) => Promise<unknown>,
    private readonly options: IngestionQueueOptions,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.loop ??= this.runLoop();
  }

  /** A job was queued: look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Resolves once the worker has found nothing left to claim (tests, seeding). */
  idle(): Promise<void> {
    if (this.stopped || !this.loop) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops claiming; resolves when the job running now (if any) has ended. Jobs still queued stay for other replicas. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.loop;
    this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  /** Renews the claim's lease until the returned function is called. */
  keepLeased(claimed: ClaimedJob): () => void {
    const { worker, leaseMs } = this.options;
    const timer = setInterval(
      () => {
        this.jobs.renewLease(claimed.job, worker, leaseMs).then(
          (held) => {
            if (!held) clearInterval(timer);
          },
          (err: unknown) => this.logger.warn({ err, jobId: claimed.job.id }, 'renewing the ingestion job lease failed'),
        );
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    timer.unref();
    return () => clearInterval(timer);
  }

  private async runLoop(): Promise<void> {
    const { worker, leaseMs, pollMs } = this.options;
    while (!this.stopped) {
      this.woken = false;
      let claimed: ClaimedJob | null = null;
      try {
        claimed = await this.jobs.claim(worker, leaseMs);
      } catch (err) {
        this.logger.warn({ err }, 'claiming an ingestion job failed');
      }
      if (claimed) {
        const release = this.keepLeased(claimed);
        try {
          await this.run(claimed);
        } catch (err) {
          this.logger.error({ err, jobId: claimed.job.id }, 'ingestion job runner failed');
        } finally {
          release();
        }
        continue;
      }
      if (this.woken) continue;
      this.idleWaiters.splice(0).forEach((resolve) => resolve());
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        timer = setTimeout(resolve, pollMs);
        if (this.stopped || this.woken) resolve();
      });
      clearTimeout(timer);
      this.wakeUp = undefined;
    }
  }
}

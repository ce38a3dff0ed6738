import { randomUUID } from 'node:crypto';
import type { SubgraphDatabase } from '../../../db/connection.js';
import type { EventBus } from '../../../platform/events/event-bus.js';
import type { Logger } from '../../../platform/logger.js';
import { outboxMetrics } from './outbox-metrics.js';
import { OutboxRepository, type OutboxRow } from './outbox-repository.js';

export type { OutboxRow };

export interface OutboxRelayOptions {
  batchSize?: number;
  /** How often an idle relay looks for work; commits also wake it at once. */
  pollIntervalMs?: number;
  /** How long a claim lasts: a relay that dies holding one is replaced by another after this. */
  leaseMs?: number;
  /** Published rows are kept this long for inspection, then deleted. */
  retentionMs?: number;
}

/**
 * Moves outbox rows to the bus: claim (a short transaction with FOR UPDATE SKIP LOCKED and a lease), publish outside
 * any transaction (PGlite serialises transactions, and a network call must never hold one), then mark published.
 * A crash between publish and mark republishes the same eventId after the lease: duplicates, never losses.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly retentionMs: number;
  private readonly outbox: OutboxRepository;
  private running = false;
  private wakeUp?: () => void;
  private wokenWhileBusy = false;
  private loop?: Promise<void>;
  private lastHousekeeping = 0;

  constructor(
    database: SubgraphDatabase,
    private readonly bus: EventBus,
    private readonly log: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
    this.outbox = new OutboxRepository(() => database.em());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  /** Called after a commit that wrote outbox rows, so events leave within milliseconds rather than a poll interval. */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wokenWhileBusy = true;
  }

  /** One claim-publish-mark cycle; returns how many events were published. */
  async relayOnce(): Promise<number> {
    const cycle = await this.claimAndPublish();
    await cycle.marked;
    return cycle.published;
  }

  /**
   * Claims a batch and publishes it; `marked` settles once the published rows are marked and the rest released (it
   * never rejects: a batch left unmarked stays leased and goes out again after the lease, as duplicates).
   */
  private async claimAndPublish(): Promise<{ published: number; marked: Promise<void> }> {
    const claim = await this.claim();
    if (claim.rows.length === 0) return { published: 0, marked: Promise.resolve() };
    const published = await this.publish(claim.rows);
    const unpublished = claim.rows.slice(published.length);
    const marked = this.markPublished(claim.token, published)
      .then(() => (unpublished.length > 0 ? this.outbox.release(claim.token, unpublished) : undefined))
      .catch((error: unknown) => this.log.error({ err: error }, 'marking published outbox rows failed; they go out again after the lease'));
    return { published: published.length, marked };
  }

  async claim(): Promise<{ token: string; rows: OutboxRow[] }> {
    const token = randomUUID();
    return { token, rows: await this.outbox.claim(token, this.leaseMs, this.batchSize) };
  }

  /**
   * Publishes the batch's events together, in order: the bus sends them on one connection back to back (Redis runs
   * them in that order), so a batch costs one round trip rather than one per event. Returns the rows before the first
   * failure; that one and the rest are released and go out again in order in a later cycle, so an event that did go
   * out after a failed one is delivered again after it (consumers deduplicate on eventId).
   */
  async publish(rows: OutboxRow[]): Promise<OutboxRow[]> {
    const outcomes = await Promise.allSettled(
      rows.map((row) =>
        this.bus.publish(row.stream, {
          eventId: row.event_id,
          type: row.type,
          tenantId: row.tenant_id,
          occurredAt: new Date(row.occurred_at).toISOString(),
          payload: row.payload,
          // The publish span continues the trace of the operation that wrote the event.
          ...(row.trace_context ? { traceparent: row.trace_context } : {}),
        }),
      ),
    );
    const failed = outcomes.findIndex((outcome) => outcome.status === 'rejected');
    const published = failed === -1 ? rows : rows.slice(0, failed);
    for (const row of published) outboxMetrics.lag.observe((Date.now() - new Date(row.occurred_at).getTime()) / 1000);
    if (failed !== -1) {
      const error = (outcomes[failed] as PromiseRejectedResult).reason as Error;
      const row = rows[failed]!;
      this.log.warn({ err: error, eventId: row.event_id, stream: row.stream }, 'outbox publish failed; will retry');
      await this.outbox.recordError(row.id, error.message.slice(0, 1000));
    }
    outboxMetrics.published.inc(published.length);
    return published;
  }

  async markPublished(token: string, rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.outbox.markPublished(token, rows);
  }

  /** Backlog size and the age of the oldest unpublished event, for the metrics; old published rows are pruned. */
  async housekeeping(): Promise<{ backlog: number; oldestAgeSeconds: number }> {
    const stats = await this.outbox.backlogStats();
    outboxMetrics.backlog.set(stats.backlog);
    outboxMetrics.oldestAge.set(stats.oldestAgeSeconds);
    await this.outbox.prunePublished(this.retentionMs);
    return stats;
  }

  private async run(): Promise<void> {
    let failures = 0;
    // A batch is marked while the next one is claimed and published: marking is off the path from commit to publish.
    // Its rows stay leased until then, so no cycle claims them again; one mark at a time keeps the pool's use bounded.
    let marking: Promise<void> = Promise.resolve();
    let housekeeping: Promise<void> = Promise.resolve();
    while (this.running) {
      let published = 0;
      try {
        const cycle = await this.claimAndPublish();
        published = cycle.published;
        await marking;
        marking = cycle.marked;
        if (Date.now() - this.lastHousekeeping > 1000) {
          this.lastHousekeeping = Date.now();
          await housekeeping;
          housekeeping = this.housekeeping().then(
            () => undefined,
            (error: unknown) => this.log.error({ err: error }, 'outbox housekeeping failed'),
          );
        }
        failures = 0;
      } catch (error) {
        failures += 1;
        this.log.error({ err: error }, 'outbox relay cycle failed');
      }
      if (published === this.batchSize || this.wokenWhileBusy) {
        this.wokenWhileBusy = false; // more may be waiting: no pause
        continue;
      }
      const pause = failures > 0 ? Math.min(5000, this.pollIntervalMs * 2 ** failures) : this.pollIntervalMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
    await Promise.all([marking, housekeeping]);
  }
}

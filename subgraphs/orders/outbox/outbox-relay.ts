import { randomUUID } from 'node:crypto';
import type { SubgraphDatabase } from '../../../db/connection.js';
import type { EventBus } from '../../../platform/events/event-bus.js';
import type { Logger } from '../../../platform/logger.js';
import { outboxMetrics } from './outbox-metrics.js';

export interface OutboxRow {
  id: string;
  event_id: string;
  stream: string;
  type: string;
  tenant_id: string;
  occurred_at: string | Date;
  payload: Record<string, unknown>;
}

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
  private readonly table: string;
  private running = false;
  private wakeUp?: () => void;
  private wokenWhileBusy = false;
  private loop?: Promise<void>;
  private lastHousekeeping = 0;

  constructor(
    private readonly database: SubgraphDatabase,
    private readonly bus: EventBus,
    private readonly log: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
    this.table = `"${database.schema}"."outbox"`;
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
    const claim = await this.claim();
    if (claim.rows.length === 0) return 0;
    const published = await this.publish(claim.rows);
    await this.markPublished(claim.token, published);
    if (published.length < claim.rows.length) await this.release(claim.token, claim.rows.slice(published.length));
    return published.length;
  }

  async claim(): Promise<{ token: string; rows: OutboxRow[] }> {
    const token = randomUUID();
    const rows = await this.database.em().execute<OutboxRow[]>(
      `update ${this.table} set claimed_until = now() + (? * interval '1 millisecond'), claim_token = ?, attempts = attempts + 1
       where id in (
         select id from ${this.table}
         where published_at is null and (claimed_until is null or claimed_until < now())
         order by id limit ? for update skip locked)
       returning id, event_id, stream, type, tenant_id, occurred_at, payload`,
      [this.leaseMs, token, this.batchSize],
    );
    return { token, rows: rows.sort((a, b) => Number(a.id) - Number(b.id)) };
  }

  /** Publishes in order and stops at the first failure, so a later event never overtakes an earlier one. */
  async publish(rows: OutboxRow[]): Promise<OutboxRow[]> {
    const published: OutboxRow[] = [];
    for (const row of rows) {
      try {
        await this.bus.publish(row.stream, {
          eventId: row.event_id,
          type: row.type,
          tenantId: row.tenant_id,
          occurredAt: new Date(row.occurred_at).toISOString(),
          payload: row.payload,
        });
        published.push(row);
        outboxMetrics.lag.observe((Date.now() - new Date(row.occurred_at).getTime()) / 1000);
      } catch (error) {
        this.log.warn({ err: error, eventId: row.event_id, stream: row.stream }, 'outbox publish failed; will retry');
        await this.database.em().execute(`update ${this.table} set last_error = ? where id = ?`, [(error as Error).message.slice(0, 1000), row.id]);
        break;
      }
    }
    outboxMetrics.published.inc(published.length);
    return published;
  }

  async markPublished(token: string, rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.database.em().execute(
      `update ${this.table} set published_at = now(), claimed_until = null, claim_token = null, last_error = null where claim_token = ? and id in (${rows.map(() => '?').join(', ')})`,
      [token, ...rows.map((row) => row.id)],
    );
  }

  private async release(token: string, rows: OutboxRow[]): Promise<void> {
    await this.database.em().execute(
      `update ${this.table} set claimed_until = null, claim_token = null where claim_token = ? and id in (${rows.map(() => '?').join(', ')})`,
      [token, ...rows.map((row) => row.id)],
    );
  }

  /** Backlog size and the age of the oldest unpublished event, for the metrics; old published rows are pruned. */
  async housekeeping(): Promise<{ backlog: number; oldestAgeSeconds: number }> {
    const [stats] = await this.database.em().execute<{ backlog: string; oldest_age: string | null }[]>(
      `select count(*) as backlog, extract(epoch from now() - min(occurred_at)) as oldest_age from ${this.table} where published_at is null`,
    );
    const backlog = Number(stats?.backlog ?? 0);
    const oldestAgeSeconds = Number(stats?.oldest_age ?? 0);
    outboxMetrics.backlog.set(backlog);
    outboxMetrics.oldestAge.set(oldestAgeSeconds);
    await this.database.em().execute(`delete from ${this.table} where published_at < now() - (? * interval '1 millisecond')`, [this.retentionMs]);
    return { backlog, oldestAgeSeconds };
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let published = 0;
      try {
        published = await this.relayOnce();
        if (Date.now() - this.lastHousekeeping > 1000) {
          this.lastHousekeeping = Date.now();
          await this.housekeeping();
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
  }
}

import type { EntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { OutboxEntity, type OutboxEvent } from './outbox.entity.js';

/** A new event's row: what `add` and `insertStatement` write (the relay's columns start empty). */
export type OutboxEventData = Pick<
  OutboxEvent,
  'eventId' | 'stream' | 'type' | 'tenantId' | 'aggregateId' | 'aggregateVersion' | 'occurredAt' | 'payload' | 'attempts' | 'traceContext'
>;

export interface OutboxRow {
  id: string;
  event_id: string;
  stream: string;
  type: string;
  tenant_id: string;
  occurred_at: string | Date;
  payload: Record<string, unknown>;
  trace_context: string | null;
}

/**
 * The outbox table: events are added in the transaction of the change they describe, then claimed, marked and pruned
 * by the relay. The relay's statements span every tenant on purpose: it publishes each row under its own tenant ID.
 */
export class OutboxRepository {
  private qualifiedTable: string | undefined;

  constructor(private readonly em: () => EntityManager) {}

  /** Written when `tx` commits, so the event commits or rolls back with the change itself. */
  add(tx: EntityManager, event: OutboxEventData): void {
    tx.create(OutboxEntity, event as EntityData<OutboxEvent> as never);
  }

  /**
   * The INSERT of one event, for a repository that writes it in the same statement as the change it describes (see
   * `OrderRepository.insertWithEvent`): `?` placeholders, in the order of `params`.
   */
  insertStatement(event: OutboxEventData): { sql: string; params: unknown[] } {
    return {
      sql: `insert into ${this.table()} (event_id, stream, type, tenant_id, aggregate_id, aggregate_version, occurred_at, payload, attempts, trace_context)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [
        event.eventId,
        event.stream,
        event.type,
        event.tenantId,
        event.aggregateId,
        event.aggregateVersion,
        event.occurredAt.toISOString(),
        JSON.stringify(event.payload),
        event.attempts,
        event.traceContext ?? null,
      ],
    };
  }

  /** Claims up to `limit` unpublished, unclaimed (or lease-expired) rows for `leaseMs` under `token`, in id order. */
  async claim(token: string, leaseMs: number, limit: number): Promise<OutboxRow[]> {
    const { em, table } = this.outbox();
    const rows = await em.execute<OutboxRow[]>(
      `update ${table} set claimed_until = now() + (? * interval '1 millisecond'), claim_token = ?, attempts = attempts + 1
       where id in (
         select id from ${table}
         where published_at is null and (claimed_until is null or claimed_until < now())
         order by id limit ? for update skip locked)
       returning id, event_id, stream, type, tenant_id, occurred_at, payload, trace_context`,
      [leaseMs, token, limit],
    );
    return rows.sort((a, b) => Number(a.id) - Number(b.id));
  }

  async recordError(id: string, message: string): Promise<void> {
    const { em, table } = this.outbox();
    await em.execute(`update ${table} set last_error = ? where id = ?`, [message, id]);
  }

  async markPublished(token: string, rows: OutboxRow[]): Promise<void> {
    const { em, table } = this.outbox();
    await em.execute(
      `update ${table} set published_at = now(), claimed_until = null, claim_token = null, last_error = null where claim_token = ? and id in (${rows.map(() => '?').join(', ')})`,
      [token, ...rows.map((row) => row.id)],
    );
  }

  /** Gives claimed rows back for the next cycle. */
  async release(token: string, rows: OutboxRow[]): Promise<void> {
    const { em, table } = this.outbox();
    await em.execute(
      `update ${table} set claimed_until = null, claim_token = null where claim_token = ? and id in (${rows.map(() => '?').join(', ')})`,
      [token, ...rows.map((row) => row.id)],
    );
  }

  /** How many events are unpublished, and the age of the oldest one (0 when none). */
  async backlogStats(): Promise<{ backlog: number; oldestAgeSeconds: number }> {
    const { em, table } = this.outbox();
    const [stats] = await em.execute<{ backlog: string; oldest_age: string | null }[]>(
      `select count(*) as backlog, extract(epoch from now() - min(occurred_at)) as oldest_age from ${table} where published_at is null`,
    );
    return { backlog: Number(stats?.backlog ?? 0), oldestAgeSeconds: Number(stats?.oldest_age ?? 0) };
  }

  /** Deletes rows published more than `retentionMs` ago. */
  async prunePublished(retentionMs: number): Promise<void> {
    const { em, table } = this.outbox();
    await em.execute(`delete from ${table} where published_at < now() - (? * interval '1 millisecond')`, [retentionMs]);
  }

  /**
   * The tenant's events written after `afterEventId`, in commit order (published or not yet), for a subscriber resuming
   * where it left off; undefined when that event is unknown to the tenant (never written, or pruned after retention).
   */
  async eventsAfter(tenantId: string, afterEventId: string, options: { stream: string; aggregateId?: string | null; limit: number }) {
    const { em, table } = this.outbox();
    const [start] = await em.execute<{ id: string }[]>(`select id from ${table} where event_id = ? and tenant_id = ?`, [
      afterEventId,
      tenantId,
    ]);
    if (!start) return undefined;
    const rows = await em.execute<OutboxRow[]>(
      `select id, event_id, stream, type, tenant_id, occurred_at, payload from ${table}
       where tenant_id = ? and stream = ? and id > ? ${options.aggregateId ? 'and aggregate_id = ?' : ''}
       order by id limit ?`,
      [tenantId, options.stream, start.id, ...(options.aggregateId ? [options.aggregateId] : []), options.limit],
    );
    return rows.sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** A fork and the schema-qualified table for hand-written SQL (nothing sets search_path; see db/connection.ts). */
  private outbox(): { em: EntityManager; table: string } {
    return { em: this.em(), table: this.table() };
  }

  /** The schema is the ORM's configuration, fixed at start: a statement built inside another's needs no fork for it. */
  private table(): string {
    return (this.qualifiedTable ??= `"${this.em().config.get('schema')}"."outbox"`);
  }
}

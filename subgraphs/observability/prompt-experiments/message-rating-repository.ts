import type { SubgraphDatabase } from '../../../db/connection.js';
import { quoteIdentifier } from '../../../db/migration.js';
import type { MessageRatingValue } from '../../../platform/events/contracts/message-rated-event.js';

export interface StoredRating {
  tenantId: string;
  userId: string;
  messageId: string;
  rating: MessageRatingValue;
  reason: string | null;
  ratedAt: Date;
  eventId: string;
}

/** The message_ratings table: one row per (tenant, user, message), the latest rating by `ratedAt`. */
export class MessageRatingRepository {
  constructor(private readonly database: Pick<SubgraphDatabase, 'em' | 'schema'>) {}

  private get table(): string {
    return `${quoteIdentifier(this.database.schema)}.message_ratings`;
  }

  /** Stores a rating unless a later one of the same user and message is stored (events may arrive out of order). */
  async upsertLatest(rating: StoredRating): Promise<void> {
    await this.database.em().execute(
      `insert into ${this.table} as stored (tenant_id, user_id, message_id, rating, reason, rated_at, event_id)
        values (?, ?, ?, ?, ?, ?, ?)
        on conflict (tenant_id, user_id, message_id) do update
          set rating = excluded.rating, reason = excluded.reason, rated_at = excluded.rated_at, event_id = excluded.event_id,
              recorded_at = now()
          where excluded.rated_at >= stored.rated_at`,
      [rating.tenantId, rating.userId, rating.messageId, rating.rating, rating.reason, rating.ratedAt, rating.eventId],
    );
  }

  /** The tenant's stored ratings of one message (tests and support use it). */
  async ratingsOf(tenantId: string, messageId: string): Promise<StoredRating[]> {
    const rows = await this.database.em().execute<StoredRating[]>(
      `select tenant_id as "tenantId", user_id as "userId", message_id as "messageId", rating, reason, rated_at as "ratedAt",
          event_id as "eventId"
        from ${this.table} where tenant_id = ? and message_id = ? order by user_id`,
      [tenantId, messageId],
    );
    return rows.map((row) => ({ ...row, ratedAt: new Date(row.ratedAt) }));
  }
}

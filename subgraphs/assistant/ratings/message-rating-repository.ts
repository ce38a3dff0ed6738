import type { SubgraphDatabase } from '../../../db/connection.js';
import { quoteIdentifier } from '../../../db/migration.js';
import type { MessageRatingValue } from '../../../platform/events/contracts/message-rated-event.js';
import type { MessageRole, MessageStatus } from '../conversations/message.entity.js';
import type { Owner } from '../conversations/owner.js';

export interface MessageRating {
  messageId: string;
  rating: MessageRatingValue;
  reason: string | null;
  ratedAt: Date;
}

/** message_ratings, scoped by owner: a user rates (and sees) only messages of their own conversations. */
export class MessageRatingRepository {
  constructor(private readonly database: Pick<SubgraphDatabase, 'em' | 'schema'>) {}

  private table(name: string): string {
    return `${quoteIdentifier(this.database.schema)}.${name}`;
  }

  /** The owner's message, or null for a missing one or anyone else's. */
  async ownMessage(owner: Owner, messageId: string): Promise<{ role: MessageRole; status: MessageStatus } | null> {
    const rows = await this.database
      .em()
      .execute<{ role: MessageRole; status: MessageStatus }[]>(
        `select role, status from ${this.table('messages')} where id = ? and tenant_id = ? and user_id = ?`,
        [messageId, owner.tenantId, owner.userId],
      );
    return rows[0] ?? null;
  }

  /** One rating per (tenant, user, message): a second one replaces the first. */
  async upsert(owner: Owner, rating: MessageRating): Promise<void> {
    await this.database.em().execute(
      `insert into ${this.table('message_ratings')} (tenant_id, user_id, message_id, rating, reason, rated_at) values (?, ?, ?, ?, ?, ?)
        on conflict (tenant_id, user_id, message_id) do update set rating = excluded.rating, reason = excluded.reason, rated_at = excluded.rated_at`,
      [owner.tenantId, owner.userId, rating.messageId, rating.rating, rating.reason, rating.ratedAt],
    );
  }

  async ratingOf(owner: Owner, messageId: string): Promise<MessageRating | null> {
    const rows = await this.database.em().execute<MessageRating[]>(
      `select message_id as "messageId", rating, reason, rated_at as "ratedAt" from ${this.table('message_ratings')}
        where tenant_id = ? and user_id = ? and message_id = ?`,
      [owner.tenantId, owner.userId, messageId],
    );
    return rows[0] ? { ...rows[0], ratedAt: new Date(rows[0].ratedAt) } : null;
  }
}

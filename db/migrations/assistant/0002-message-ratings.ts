import { SubgraphMigration } from '../../migration.js';

/** Users' thumbs up or down on assistant answers: one row per (tenant, user, message), re-rating updates it. */
export class Migration0002MessageRatings extends SubgraphMigration {
  override up(): void {
    this.addSql(`create table ${this.table('message_ratings')} (
      tenant_id text not null,
      user_id text not null,
      message_id uuid not null references ${this.table('messages')} (id) on delete cascade,
      rating text not null check (rating in ('UP','DOWN')),
      reason text check (char_length(reason) <= 500),
      rated_at timestamptz not null,
      primary key (tenant_id, user_id, message_id)
    )`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('message_ratings')}`);
  }
}

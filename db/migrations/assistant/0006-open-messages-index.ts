import { SubgraphMigration } from '../../migration.js';

/**
 * Every assistant replica's turn sweeper looks for open messages whose lease lapsed, across tenants, every few
 * seconds: a partial index holds only the open ones (a handful: the turns running now), so the sweep never scans the
 * conversation history.
 */
export class Migration0006OpenMessagesIndex extends SubgraphMigration {
  override up(): void {
    this.addSql(
      `create index messages_open_lease_idx on ${this.table('messages')} (lease_until, created_at) where status in ('PENDING', 'STREAMING')`,
    );
  }

  override down(): void {
    this.addSql(`drop index ${this.qualify('messages_open_lease_idx')}`);
  }
}

import { SubgraphMigration } from '../../migration.js';

/**
 * A turn's lease: the replica answering an assistant message renews `lease_until` while it runs, so any replica can
 * tell a turn whose process died (lease expired, message still open) from one that is merely slow, and fail it once.
 * Null for messages that were never leased (user messages, refusals, turns stored before this migration).
 */
export class Migration0005TurnLeases extends SubgraphMigration {
  override up(): void {
    this.addSql(`alter table ${this.table('messages')} add column lease_until timestamptz`);
  }

  override down(): void {
    this.addSql(`alter table ${this.table('messages')} drop column lease_until`);
  }
}

import { SubgraphMigration } from '../../migration.js';

/** The W3C `traceparent` of the operation that wrote each event, so the relay's publish continues its trace. */
export class Migration0005OutboxTraceContext extends SubgraphMigration {
  override up(): void {
    this.addSql(`alter table ${this.table('outbox')} add column trace_context text`);
  }

  override down(): void {
    this.addSql(`alter table ${this.table('outbox')} drop column trace_context`);
  }
}

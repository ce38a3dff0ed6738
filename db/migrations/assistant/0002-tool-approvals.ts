import { SubgraphMigration } from '../../migration.js';

/**
 * Side-effecting tool calls (confirm_order) waiting for their user's approval, and how each was decided. Scoped by
 * tenant and user like every assistant row; a PENDING row is claimed by one conditional update (status = 'PENDING').
 */
export class Migration0002ToolApprovals extends SubgraphMigration {
  override up(): void {
    this.addSql(`create table ${this.table('tool_approvals')} (
      id uuid primary key,
      tenant_id text not null,
      user_id text not null,
      conversation_id uuid not null references ${this.table('conversations')} (id) on delete cascade,
      message_id uuid not null references ${this.table('messages')} (id) on delete cascade,
      turn integer not null check (turn > 0),
      tool text not null,
      arguments jsonb not null,
      status text not null check (status in ('PENDING','APPROVED','DECLINED','EXPIRED','FAILED')),
      summary text not null,
      lines jsonb not null default '[]',
      total_cents integer not null check (total_cents >= 0),
      currency text not null,
      promo_code text,
      expires_at timestamptz not null,
      order_id uuid,
      error_code text,
      decline_reason text,
      created_at timestamptz not null,
      decided_at timestamptz
    )`);
    this.addSql(
      `create index tool_approvals_owner_conversation_idx on ${this.table('tool_approvals')} (tenant_id, user_id, conversation_id, status)`,
    );
  }

  override down(): void {
    this.addSql(`drop table ${this.table('tool_approvals')}`);
  }
}

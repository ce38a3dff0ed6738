import { SubgraphMigration } from '../../migration.js';

/**
 * Conversations, their messages and the tool calls of assistant messages. Every row carries tenant_id (and user_id
 * where a user owns it) so every query can be scoped by both, and indexes lead with them.
 */
export class Migration0001Conversations extends SubgraphMigration {
  override up(): void {
    this.addSql(`create table ${this.table('conversations')} (
      id uuid primary key,
      tenant_id text not null,
      user_id text not null,
      title text,
      prompt_name text not null,
      prompt_version integer not null check (prompt_version > 0),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`);
    // Keyset pagination: newest first per (tenant, user).
    this.addSql(
      `create index conversations_owner_updated_idx on ${this.table('conversations')} (tenant_id, user_id, updated_at desc, id desc)`,
    );

    this.addSql(`create table ${this.table('messages')} (
      id uuid primary key,
      conversation_id uuid not null references ${this.table('conversations')} (id) on delete cascade,
      tenant_id text not null,
      user_id text not null,
      turn integer not null check (turn > 0),
      role text not null check (role in ('USER','ASSISTANT')),
      content text not null default '',
      status text not null check (status in ('PENDING','STREAMING','COMPLETED','CANCELLED','FAILED')),
      finish_reason text,
      citations jsonb not null default '[]',
      input_tokens integer check (input_tokens >= 0),
      output_tokens integer check (output_tokens >= 0),
      model text,
      provider text,
      prompt_name text,
      prompt_version integer,
      error_code text,
      confirmed_order_id uuid,
      created_at timestamptz not null,
      completed_at timestamptz
    )`);
    // One user and one assistant message per turn; the unique index also stops two concurrent sends taking one turn.
    this.addSql(`create unique index messages_turn_role_key on ${this.table('messages')} (conversation_id, turn, role)`);
    this.addSql(`create index messages_owner_idx on ${this.table('messages')} (tenant_id, user_id, conversation_id)`);

    this.addSql(`create table ${this.table('tool_calls')} (
      id uuid primary key,
      message_id uuid not null references ${this.table('messages')} (id) on delete cascade,
      tenant_id text not null,
      user_id text not null,
      call_id text not null,
      name text not null,
      arguments jsonb,
      result jsonb,
      ok boolean not null,
      error_code text,
      duration_ms integer not null check (duration_ms >= 0),
      round integer not null check (round > 0),
      created_at timestamptz not null
    )`);
    this.addSql(`create index tool_calls_message_idx on ${this.table('tool_calls')} (tenant_id, user_id, message_id)`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('tool_calls')}`);
    this.addSql(`drop table ${this.table('messages')}`);
    this.addSql(`drop table ${this.table('conversations')}`);
  }
}

import { SubgraphMigration } from '../../migration.js';

export class Migration0001LlmCalls extends SubgraphMigration {
  override up(): void {
    this.addSql(`create table ${this.table('llm_calls')} (
      id uuid primary key,
      event_id text not null,
      tenant_id text not null,
      occurred_at timestamptz not null,
      provider text not null,
      model text not null,
      prompt_name text not null,
      prompt_version integer not null check (prompt_version > 0),
      input_tokens integer not null check (input_tokens >= 0),
      output_tokens integer not null check (output_tokens >= 0),
      latency_ms integer not null check (latency_ms >= 0),
      time_to_first_token_ms integer check (time_to_first_token_ms >= 0),
      cost_micros integer not null check (cost_micros >= 0),
      outcome text not null check (outcome in ('ok','error','cancelled')),
      error_type text,
      conversation_id text,
      recorded_at timestamptz not null default now()
    )`);
    this.addSql(`create unique index llm_calls_event_id_key on ${this.table('llm_calls')} (event_id)`);
    this.addSql(`create index llm_calls_tenant_occurred_idx on ${this.table('llm_calls')} (tenant_id, occurred_at)`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('llm_calls')}`);
  }
}

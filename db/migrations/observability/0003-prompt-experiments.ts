import { SubgraphMigration } from '../../migration.js';

/** LLM calls learn their prompt variant, message and request; users' ratings of answers arrive for prompt experiments. */
export class Migration0003PromptExperiments extends SubgraphMigration {
  override up(): void {
    this.addSql(`alter table ${this.table('llm_calls')}
      add column prompt_variant text,
      add column message_id text,
      add column request_id text`);
    this.addSql(
      `create index llm_calls_tenant_prompt_idx on ${this.table('llm_calls')} (tenant_id, prompt_name, prompt_variant, occurred_at)`,
    );
    this.addSql(`create index llm_calls_tenant_message_idx on ${this.table('llm_calls')} (tenant_id, message_id)`);
    this.addSql(`create table ${this.table('message_ratings')} (
      tenant_id text not null,
      user_id text not null,
      message_id text not null,
      rating text not null check (rating in ('UP','DOWN')),
      reason text,
      rated_at timestamptz not null,
      event_id text not null,
      recorded_at timestamptz not null default now(),
      primary key (tenant_id, user_id, message_id)
    )`);
    this.addSql(`create index message_ratings_message_idx on ${this.table('message_ratings')} (tenant_id, message_id)`);
  }

  override down(): void {
    this.addSql(`drop table ${this.table('message_ratings')}`);
    this.addSql(`alter table ${this.table('llm_calls')} drop column prompt_variant, drop column message_id, drop column request_id`);
  }
}

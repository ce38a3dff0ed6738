import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001LlmCalls } from './0001-llm-calls.js';
import { Migration0002OrderActivity } from './0002-order-activity.js';
import { Migration0003PromptExperiments } from './0003-prompt-experiments.js';
import { Migration0004OperationTimings } from './0004-operation-timings.js';

/** Applied in order; names are recorded in "<schema>".mikro_orm_migrations. Never rename or reorder a shipped one. */
export const observabilityMigrations: MigrationObject[] = [
  { name: '0001_llm_calls', class: Migration0001LlmCalls },
  { name: '0002_order_activity', class: Migration0002OrderActivity },
  { name: '0003_prompt_experiments', class: Migration0003PromptExperiments },
  { name: '0004_operation_timings', class: Migration0004OperationTimings },
];

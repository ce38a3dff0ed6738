import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Conversations } from './0001-conversations.js';
import { Migration0002ToolApprovals } from './0002-tool-approvals.js';

/** Applied in order; names are recorded in "<schema>".mikro_orm_migrations. Never rename or reorder a shipped one. */
export const assistantMigrations: MigrationObject[] = [
  { name: '0001_conversations', class: Migration0001Conversations },
  { name: '0002_tool_approvals', class: Migration0002ToolApprovals },
];

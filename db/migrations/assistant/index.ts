import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Conversations } from './0001-conversations.js';
import { Migration0002MessageRatings } from './0002-message-ratings.js';
import { Migration0003ToolApprovals } from './0003-tool-approvals.js';
import { Migration0004TenantPrivacySettings } from './0004-tenant-privacy-settings.js';
import { Migration0005TurnLeases } from './0005-turn-leases.js';
import { Migration0006OpenMessagesIndex } from './0006-open-messages-index.js';

/** Applied in order; names are recorded in "<schema>".mikro_orm_migrations. Never rename or reorder a shipped one. */
export const assistantMigrations: MigrationObject[] = [
  { name: '0001_conversations', class: Migration0001Conversations },
  { name: '0002_message_ratings', class: Migration0002MessageRatings },
  { name: '0003_tool_approvals', class: Migration0003ToolApprovals },
  { name: '0004_tenant_privacy_settings', class: Migration0004TenantPrivacySettings },
  { name: '0005_turn_leases', class: Migration0005TurnLeases },
  { name: '0006_open_messages_index', class: Migration0006OpenMessagesIndex },
];

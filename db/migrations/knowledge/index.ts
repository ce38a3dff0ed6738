import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Documents } from './0001-documents.js';

/** Applied in order; names are recorded in "<schema>".mikro_orm_migrations. Never rename or reorder a shipped one. */
export const knowledgeMigrations: MigrationObject[] = [{ name: '0001_documents', class: Migration0001Documents }];

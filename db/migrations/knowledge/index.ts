import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Documents } from './0001-documents.js';
import { Migration0002ChunksAndIngestion } from './0002-chunks-and-ingestion.js';
import { Migration0003LexemeCounts } from './0003-lexeme-counts.js';
import { Migration0004IngestionQueue } from './0004-ingestion-queue.js';

/** Applied in order; names are recorded in "<schema>".mikro_orm_migrations. Never rename or reorder a shipped one. */
export const knowledgeMigrations: MigrationObject[] = [
  { name: '0001_documents', class: Migration0001Documents },
  { name: '0002_chunks_and_ingestion', class: Migration0002ChunksAndIngestion },
  { name: '0003_lexeme_counts', class: Migration0003LexemeCounts },
  { name: '0004_ingestion_queue', class: Migration0004IngestionQueue },
];

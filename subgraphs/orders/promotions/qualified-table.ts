import type { EntityManager } from '@mikro-orm/sql';
import { quoteIdentifier } from '../../../db/migration.js';

/** `"<schema>"."<table>"` for hand-written SQL: nothing sets search_path (see db/connection.ts). */
export function qualifiedTable(em: EntityManager, table: string): string {
  const schema = em.config.get('schema');
  return schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(table)}` : quoteIdentifier(table);
}

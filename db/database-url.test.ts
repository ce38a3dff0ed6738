import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from './database-url.js';

describe('parseDatabaseUrl', () => {
  it('recognises the supported forms and hides credentials', () => {
    expect(parseDatabaseUrl('pglite:memory')).toMatchObject({ kind: 'pglite', location: 'memory' });
    expect(parseDatabaseUrl('pglite:.data/pglite')).toMatchObject({ kind: 'pglite', location: '.data/pglite' });
    expect(parseDatabaseUrl('postgresql://u:secret@db.example:6543/app')).toMatchObject({
      kind: 'postgres',
      label: 'db.example:6543/app',
    });
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(/expected postgres:\/\/user@host:port\/db, pglite:memory or pglite:<directory>/);
    expect(() => parseDatabaseUrl('pglite:')).toThrow(/pglite:memory or pglite:<directory>/);
  });
});

/** Where a subgraph's data lives; `label` is a credential-free description for messages and logs. */
export type DatabaseTarget = { kind: 'pglite'; location: string; label: string } | { kind: 'postgres'; url: string; label: string };

/** Parses a database URL: `postgres://…` / `postgresql://…`, `pglite:memory` or `pglite:<directory>`. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) {
    let label = 'the configured PostgreSQL server';
    try {
      const parsed = new URL(url);
      label = `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname || '/'}`;
    } catch {
      // keep the generic label; the driver reports the malformed URL itself
    }
    return { kind: 'postgres', url, label };
  }
  if (url.startsWith('pglite:')) {
    let location = url.slice('pglite:'.length);
    if (location.startsWith('//')) location = location.slice(2); // tolerate pglite://memory, pglite:///abs/dir
    if (!location) throw new Error(`Invalid database URL "${url}": expected pglite:memory or pglite:<directory>`);
    return { kind: 'pglite', location, label: `pglite:${location}` };
  }
  throw new Error(`Invalid database URL "${url}": expected postgres://user@host:port/db, pglite:memory or pglite:<directory>`);
}

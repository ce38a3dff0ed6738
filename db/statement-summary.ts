/**
 * `db.operation.name` and a low-cardinality `db.query.summary` ("SELECT orders.orders") of a statement, read from its
 * leading keyword and first table (a WITH that writes: each write, "INSERT orders.orders INSERT orders.outbox");
 * literals and parameters never appear.
 */
export function summariseStatement(sql: string): { operation: string; summary: string } {
  const text = sql.trimStart();
  const operation = (/^[a-z]+/i.exec(text)?.[0] ?? 'SQL').toUpperCase();
  if (operation === 'WITH') {
    // A data-modifying WITH (an order and its outbox event in one statement) is summarised by its writes, in order.
    const writes = [...text.matchAll(WRITES)].map(
      (match) => `${match[1]!.split(/\s+/)[0]!.toUpperCase()} ${match[2]!.replaceAll('"', '')}`,
    );
    if (writes.length) return { operation, summary: writes.join(' ') };
  }
  const target = TARGET_BY_OPERATION[operation]?.exec(text)?.[1];
  const table = target?.replaceAll('"', '');
  return { operation, summary: table ? `${operation} ${table}` : operation };
}

const IDENTIFIER = String.raw`((?:"[^"]+"|[a-z_][a-z0-9_]*)(?:\.(?:"[^"]+"|[a-z_][a-z0-9_]*))?)`;
const WRITES = new RegExp(String.raw`\b(insert\s+into|(?<!for\s+)update|delete\s+from)\s+${IDENTIFIER}`, 'gi');
const TARGET_BY_OPERATION: Record<string, RegExp> = {
  SELECT: new RegExp(String.raw`\bfrom\s+${IDENTIFIER}`, 'i'),
  WITH: new RegExp(String.raw`\b(?:update|into|from)\s+${IDENTIFIER}`, 'i'),
  INSERT: new RegExp(String.raw`^insert\s+into\s+${IDENTIFIER}`, 'i'),
  UPDATE: new RegExp(String.raw`^update\s+${IDENTIFIER}`, 'i'),
  DELETE: new RegExp(String.raw`^delete\s+from\s+${IDENTIFIER}`, 'i'),
};

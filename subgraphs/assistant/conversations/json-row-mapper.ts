import type { EntityMetadata } from '@mikro-orm/core';

type FieldPlan = readonly (readonly [property: string, column: string, isDate: boolean])[];
const plans = new WeakMap<EntityMetadata, FieldPlan>();

/**
 * Maps a row that PostgreSQL serialised with `row_to_json` / `json_agg` (column names as keys, timestamps as ISO text,
 * json columns already nested) to the entity's plain shape, as `execute('all', true)` returns it for a query builder.
 * Lets one statement bring back several tables' rows without a round trip each.
 */
export function entityFromJsonRow<T>(meta: EntityMetadata, row: Record<string, unknown>): T {
  let plan = plans.get(meta);
  if (!plan) {
    plan = meta.props
      .filter((prop) => prop.fieldNames?.length === 1)
      .map((prop) => [prop.name, prop.fieldNames[0]!, prop.runtimeType === 'Date'] as const);
    plans.set(meta, plan);
  }
  const entity: Record<string, unknown> = {};
  for (const [property, column, isDate] of plan) {
    const value = row[column];
    entity[property] = isDate && typeof value === 'string' ? new Date(value) : (value ?? null);
  }
  return entity as T;
}

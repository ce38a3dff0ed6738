import { getOperationAST, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { RateLimitBudget } from '../../platform/config.js';

/** Root fields that spend a budget of their own besides `operations` (docs/security.md, "Rate limits"). */
const BUDGET_OF_ROOT_FIELD: Record<string, Exclude<RateLimitBudget, 'operations'>> = {
  sendMessage: 'chat',
  ingestDocument: 'ingestion',
  reindex: 'ingestion',
  createOrder: 'orders',
};

/**
 * The points an operation costs in each budget: 1 in `operations`, and one per root field in the budget that field
 * belongs to (two aliased `sendMessage` fields spend two). Root fields are found through fragments too.
 */
export function classifyOperation(document: DocumentNode, operationName?: string | null): Partial<Record<RateLimitBudget, number>> {
  const points: Partial<Record<RateLimitBudget, number>> = { operations: 1 };
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return points;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const budget = BUDGET_OF_ROOT_FIELD[selection.name.value];
        if (budget) points[budget] = (points[budget] ?? 0) + 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !visited.has(fragment.name.value)) {
          visited.add(fragment.name.value);
          walk(fragment.selectionSet);
        }
      }
    }
  };
  walk(operation.selectionSet);
  return points;
}

import {
  getOperationAST,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationTypeNode,
  type SelectionSetNode,
} from 'graphql';
import type { RateLimitBudget } from '../../platform/config.js';

/** Root fields that spend a budget of their own besides `operations` (docs/security.md, "Rate limits"). */
const BUDGET_OF_ROOT_FIELD: Record<string, Exclude<RateLimitBudget, 'operations'>> = {
  sendMessage: 'chat',
  ingestDocument: 'ingestion',
  reindex: 'ingestion',
  createOrder: 'orders',
};

/**
 * The operation's type and its root fields, one name per occurrence (two aliased `sendMessage` fields give two), found
 * through inline and named fragments too (a named fragment once).
 */
export function rootFields(
  document: DocumentNode,
  operationName?: string | null,
): { operation: OperationTypeNode | undefined; fieldNames: string[] } {
  const operation = getOperationAST(document, operationName ?? undefined);
  const fieldNames: string[] = [];
  if (!operation) return { operation: undefined, fieldNames };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        fieldNames.push(selection.name.value);
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
  return { operation: operation.operation, fieldNames };
}

/**
 * The points an operation costs in each budget: 1 in `operations`, and one per root field in the budget that field
 * belongs to (two aliased `sendMessage` fields spend two).
 */
export function classifyOperation(document: DocumentNode, operationName?: string | null): Partial<Record<RateLimitBudget, number>> {
  const points: Partial<Record<RateLimitBudget, number>> = { operations: 1 };
  for (const name of rootFields(document, operationName).fieldNames) {
    const budget = BUDGET_OF_ROOT_FIELD[name];
    if (budget) points[budget] = (points[budget] ?? 0) + 1;
  }
  return points;
}

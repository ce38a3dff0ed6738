import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type ArgumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * What one call of a field costs on top of the objects it returns, by `Type.field`: the fields that start a search, a
 * model call or an ingestion. Every returned object costs 1 plus its selection; scalars cost 0.
 */
export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  'Query.search': 50,
  'Query.assembleContext': 200,
  'Mutation.sendMessage': 500,
  'Mutation.ingestDocument': 500,
};
/** `search(rerank: true)` re-scores 50 candidates with the reranker: its weight counts this many times. */
export const RERANK_FACTOR = 4;
/** A list without `first` (e.g. `Order.lines`, `Document.chunks`) is counted as this many items. */
export const DEFAULT_LIST_SIZE = 10;
/** A `first` given by a variable (unknown while validating) with no default counts as the largest page any field accepts. */
export const UNKNOWN_PAGE_SIZE = 100;

/**
 * The cost of an operation, estimated from its text at validation time: each field costs its weight plus, for each
 * object it returns, 1 and the cost of that object's selection. A field with a `first` argument returns `first` items (its connection's
 * `edges`/`nodes` list is that page, not another multiplication); other lists count `DEFAULT_LIST_SIZE`. Introspection
 * (`__schema`, `__type`) is free: it is bounded by the depth and token limits. Fragments are costed once each.
 */
export function operationCost(context: ValidationContext, operation: OperationDefinitionNode): number {
  const root = context.getSchema().getRootType(operation.operation);
  if (!root) return 0;
  const fragmentCosts = new Map<string, number>();
  const inProgress = new Set<string>();
  const variableDefaults = new Map(
    (operation.variableDefinitions ?? []).map((definition) => [definition.variable.name.value, definition.defaultValue]),
  );

  const pageSize = (argument: ArgumentNode | undefined, field: GraphQLField<unknown, unknown>): number => {
    let value = argument?.value;
    if (value?.kind === Kind.VARIABLE) value = variableDefaults.get(value.name.value) ?? undefined;
    if (value?.kind === Kind.INT) return Math.max(0, Number.parseInt(value.value, 10));
    if (argument) return UNKNOWN_PAGE_SIZE;
    const fallback = field.args.find((arg) => arg.name === 'first')?.defaultValue;
    return typeof fallback === 'number' ? fallback : DEFAULT_LIST_SIZE;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, paged: boolean): number => {
    const name = node.name.value;
    if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) return 0;
    const field = parent.getFields()[name];
    if (!field) return 0;
    const named = getNamedType(field.type);
    let weight = FIELD_WEIGHTS[`${parent.name}.${name}`] ?? 0;
    const rerank = node.arguments?.find((argument) => argument.name.value === 'rerank')?.value;
    if (rerank && !(rerank.kind === Kind.BOOLEAN && !rerank.value)) weight *= RERANK_FACTOR;
    if (!node.selectionSet || !isCompositeType(named)) return weight;
    const hasFirst = field.args.some((arg) => arg.name === 'first');
    const isList = isListType(getNullableType(field.type));
    const multiplier = hasFirst
      ? pageSize(
          node.arguments?.find((argument) => argument.name.value === 'first'),
          field,
        )
      : isList && !paged
        ? DEFAULT_LIST_SIZE
        : 1;
    return weight + multiplier * (1 + selectionCost(node.selectionSet, named, hasFirst));
  };

  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, paged: boolean): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, parent, paged);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) cost += selectionCost(selection.selectionSet, type, paged);
      } else {
        cost += fragmentCost(selection.name.value, paged);
      }
    }
    return cost;
  };

  const fragmentCost = (name: string, paged: boolean): number => {
    const key = `${name}:${paged}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = context.getFragment(name);
    if (!fragment || inProgress.has(key)) return 0; // unknown fragments and cycles are other rules' errors
    const type = context.getSchema().getType(fragment.typeCondition.name.value);
    if (!type || !isCompositeType(type)) return 0;
    inProgress.add(key);
    const cost = selectionCost(fragment.selectionSet, type, paged);
    inProgress.delete(key);
    fragmentCosts.set(key, cost);
    return cost;
  };

  return selectionCost(operation.selectionSet, root, false);
}

/** Reports operations whose estimated cost is above `maxCost`, through `reject` (which builds the error). */
export function operationCostRule(maxCost: number, reject: (context: ValidationContext, cost: number) => void): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const cost = operationCost(context, operation);
      if (cost > maxCost) reject(context, cost);
    },
  });
}

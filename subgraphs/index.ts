import type { SubgraphName } from '../platform/config.js';
import type { SubgraphDefinition } from '../platform/server/subgraph-definition.js';
import { assistantSubgraph } from './assistant/index.js';
import { knowledgeSubgraph } from './knowledge/index.js';
import { observabilitySubgraph } from './observability/index.js';
import { ordersSubgraph } from './orders/index.js';

/** Every subgraph of the supergraph, in start order. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphDefinition<any>> = {
  orders: ordersSubgraph,
  knowledge: knowledgeSubgraph,
  assistant: assistantSubgraph,
  observability: observabilitySubgraph,
};

/** Every subgraph's allowed large input strings, for the gateway, which checks inputs before any subgraph sees them. */
export const LARGE_STRING_INPUTS: Readonly<Record<string, number>> = Object.assign(
  {},
  ...Object.values(SUBGRAPHS).map((subgraph) => subgraph.largeStringInputs ?? {}),
);

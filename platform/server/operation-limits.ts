import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import type { DocumentNode, GraphQLError, ParseOptions, Source, ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';
import { appError } from '../errors.js';
import { operationCostRule } from './operation-cost-rule.js';

/** The one code of every refusal by an operation limit; `extensions.limit` says which, `extensions.max` its value. */
export const OPERATION_LIMIT_EXCEEDED = 'OPERATION_LIMIT_EXCEEDED';

export type OperationLimitName = 'depth' | 'aliases' | 'tokens' | 'directives' | 'cost';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
}

const VARIABLE: Record<OperationLimitName, string> = {
  depth: 'GRAPHQL_MAX_DEPTH',
  aliases: 'GRAPHQL_MAX_ALIASES',
  tokens: 'GRAPHQL_MAX_TOKENS',
  directives: 'GRAPHQL_MAX_DIRECTIVES',
  cost: 'GRAPHQL_MAX_COST',
};

export function operationLimitsFromConfig(
  config: Pick<Config, 'GRAPHQL_MAX_DEPTH' | 'GRAPHQL_MAX_ALIASES' | 'GRAPHQL_MAX_TOKENS' | 'GRAPHQL_MAX_DIRECTIVES' | 'GRAPHQL_MAX_COST'>,
): OperationLimits {
  return {
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
    maxCost: config.GRAPHQL_MAX_COST,
  };
}

/** The refusal: a GraphQL error with a stable code, the limit's name and value, and the variable that sets it. */
export function operationLimitError(limit: OperationLimitName, max: number, detail?: string): GraphQLError {
  const what = detail ? `: ${detail.replace(/^Syntax Error: /, '')}` : '';
  return appError(OPERATION_LIMIT_EXCEEDED, `The operation exceeds the ${limit} limit of ${max} (${VARIABLE[limit]})${what}`, {
    limit,
    max,
  });
}

/** graphql is loaded as ESM and CommonJS (Apollo, Armor), so errors are recognised by shape, not by class. */
export function isOperationLimitError(error: unknown): error is GraphQLError {
  return (error as { extensions?: { code?: unknown } } | null)?.extensions?.code === OPERATION_LIMIT_EXCEEDED;
}

/** Armor reports through the validation context by default, with its own code: report ours instead. */
const reportAs =
  (limit: OperationLimitName, max: number): GraphQLArmorRejectCallback =>
  (context, error) =>
    context?.reportError(operationLimitError(limit, max, error.message));

const armorOptions = (limit: OperationLimitName, max: number) => ({
  n: max,
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [reportAs(limit, max)],
});

/**
 * Validation rules for depth, aliases, directives (GraphQL Armor's) and cost (ours, operation-cost-rule.ts: Armor's
 * cost limit weighs every object and scalar alike and ignores `first`). Introspection is exempt from the depth limit.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule({ ...armorOptions('depth', limits.maxDepth), ignoreIntrospection: true }) as unknown as ValidationRule,
    maxAliasesRule(armorOptions('aliases', limits.maxAliases)) as unknown as ValidationRule,
    maxDirectivesRule(armorOptions('directives', limits.maxDirectives)) as unknown as ValidationRule,
    operationCostRule(limits.maxCost, (context, cost) =>
      context.reportError(operationLimitError('cost', limits.maxCost, `estimated cost ${cost}`)),
    ),
  ];
}

/** Parses with GraphQL Armor's token-counting parser: it stops at the first token past the limit. */
export function parseWithinTokenLimit(source: string | Source, maxTokens: number, options?: ParseOptions): DocumentNode {
  const parser = new MaxTokensParserWLexer(source, {
    ...options,
    n: maxTokens,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (_context, error) => {
        throw operationLimitError('tokens', maxTokens, error.message);
      },
    ],
  });
  return parser.parseDocument() as DocumentNode;
}

/** The limits as envelop plugins, for yoga (the subgraphs): the token limit in parsing, the rest in validation. */
export function operationLimitPlugins(limits: OperationLimits): Plugin[] {
  const rules = operationLimitRules(limits);
  return [
    {
      onParse({ setParseFn }) {
        setParseFn((source, options) => parseWithinTokenLimit(source, limits.maxTokens, options));
      },
      onValidate({ addValidationRule }) {
        for (const rule of rules) addValidationRule(rule);
      },
    },
  ];
}

/** The gateway's graphql-ws caps (its SocketLimitSettings). */
export function socketLimitsFromConfig(config: Pick<Config, 'WS_MAX_SUBSCRIPTIONS_PER_SOCKET' | 'WS_MAX_SOCKETS_PER_USER'>) {
  return { maxOperationsPerSocket: config.WS_MAX_SUBSCRIPTIONS_PER_SOCKET, maxSocketsPerUser: config.WS_MAX_SOCKETS_PER_USER };
}

import type { MigrationObject } from '@mikro-orm/core';
import type { TokenVerifier } from '../auth/jwt.js';
import type { Config, SubgraphName } from '../config.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../logger.js';
import type { RequestContext } from '../request-context.js';
import type { FederatedSchema } from './build-federated-schema.js';

/** What a subgraph is given at start-up; everything it holds on to is created from these. */
export interface SubgraphDependencies {
  config: Config;
  logger: Logger;
  bus: EventBus;
  /** PostgreSQL schema for this subgraph's tables (tests give each run its own). */
  databaseSchema?: string;
  /**
   * The gateway's URL, for subgraphs that call the supergraph (the assistant's tools). Resolved lazily: with ephemeral
   * ports it is known only after the gateway has started, which is after the subgraphs. Absent when the subgraph runs
   * in its own process; then `config.gatewayUrl` applies.
   */
  supergraphUrl?: () => string;
}

/** A started subgraph: how to build a request's context, whether it is ready, how to stop. */
export interface SubgraphRuntime<TContext extends RequestContext = RequestContext> {
  createContext(caller: RequestContext): TContext;
  checkReadiness(): Promise<Record<string, 'ok'>>;
  /**
   * Inserts the demo tenant's data once (rows that exist are left as the tenant changed them). Only the start-up
   * commands call it (`npm start`'s embedded demo, `npm run seed`): a production service never seeds at start.
   */
  seedDemoTenant?(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Each subgraph folder exports one of these. The schema is static (no database needed), so `npm run compose` can
 * print SDL without starting anything; the runtime holds connections and services.
 */
export interface SubgraphDatabaseSpec {
  entities: unknown[];
  migrations: MigrationObject[];
  /** Start-up fails with a clear message when the database lacks pgvector. */
  requiresVector?: boolean;
}

export interface SubgraphDefinition<TContext extends RequestContext = RequestContext> {
  name: SubgraphName;
  /** The tables this subgraph owns, if any: `npm run migrate` and start-up apply its migrations. */
  database?: SubgraphDatabaseSpec;
  /**
   * Input strings allowed above INPUT_MAX_STRING_BYTES, by argument path without list indices (e.g.
   * `ingestDocument.input.contentBase64`: document uploads). The gateway applies every subgraph's allowances too.
   */
  largeStringInputs?: Readonly<Record<string, number>>;
  buildSchema(): Promise<FederatedSchema>;
  start(dependencies: SubgraphDependencies): Promise<SubgraphRuntime<TContext>>;
}

export type { TokenVerifier };

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { GraphQLDataSource } from '@apollo/gateway';
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import { appError, ErrorCode } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { RequestContext } from '../../platform/request-context.js';
import { formatResult } from './format-result.js';
import { GatewayConnection } from './gateway-connection.js';
import { prepareOperation, type PreparedOperation } from './prepare-operation.js';
import { subscribeThroughPlan } from './subscribe-through-plan.js';
import { createSubscriptionPlanner } from './subscription-planner.js';
import { ValidatedDocuments } from './validated-documents.js';

export interface GraphqlWsOperationRequest {
  query: string;
  /** The already parsed and validated document of `query`, if the executor wants to skip parsing. */
  document?: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export interface GraphqlWsGatewayOptions {
  httpServer: Server;
  /** e.g. '/graphql': the same path that serves HTTP */
  path: string;
  supergraphSdl: string;
  /** graphql-ws URL of each subgraph by its supergraph service name (e.g. 'orders' -> 'ws://127.0.0.1:4001/graphql') */
  subgraphWsUrl(serviceName: string): string;
  /** data source per service name used for follow-up fetches (the gateway passes RemoteGraphQLDataSource instances carrying auth and request ID in willSendRequest) */
  dataSource(serviceName: string): GraphQLDataSource;
  /** Resolves the caller from connectionParams; a thrown GraphQLError becomes the answer to every operation of that connection. */
  authenticate(connectionParams: Record<string, unknown> | undefined): Promise<RequestContext>;
  /** Runs queries and mutations (the gateway uses Apollo Server's `executeOperation`). */
  executeOperation(request: GraphqlWsOperationRequest, context: RequestContext): Promise<ExecutionResult>;
  logger: Logger;
  /** false (production's default): introspection refused and field suggestions hidden, as over HTTP. */
  introspection?: boolean;
  /** Applied to every error of every payload (production masks internal details, as over HTTP). */
  formatError?: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

export interface GraphqlWsGateway {
  close(): Promise<void>;
  /** open upstream subscriptions, for tests and metrics */
  openUpstreamSubscriptions(): number;
}

/**
 * Serves graphql-ws on the gateway's GraphQL path: queries and mutations through the injected executor, and
 * subscriptions by streaming from the subgraph that owns the root field and completing each event with the query
 * plan (which @apollo/gateway itself refuses to do).
 */
export function attachGraphqlWsGateway(options: GraphqlWsGatewayOptions): GraphqlWsGateway {
  const planner = createSubscriptionPlanner(options.supergraphSdl);
  const documents = new ValidatedDocuments(planner.apiSchema, undefined, { introspection: options.introspection ?? true });
  const connections = new Map<object, GatewayConnection>();
  const wsServer = new WebSocketServer({ noServer: true });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== options.path) {
      // another upgrade listener may own this path; if none exists, do not leave the socket dangling
      if (options.httpServer.listenerCount('upgrade') === 1) socket.destroy();
      return;
    }
    wsServer.handleUpgrade(request, socket, head, (ws) => wsServer.emit('connection', ws, request));
  };
  options.httpServer.on('upgrade', onUpgrade);

  const executeOperation = async (operation: PreparedOperation): Promise<ExecutionResult> => {
    const { query, document, operationName, rawVariables, context } = operation;
    try {
      return await options.executeOperation({ query, document, operationName, variables: rawVariables }, context);
    } catch (error) {
      context.log.error({ err: error }, 'graphql-ws operation failed');
      return { errors: [appError(ErrorCode.Internal, 'Unexpected error')] };
    }
  };

  const disposable = useServer(
    {
      onConnect: async (ctx) => {
        const connection = await GatewayConnection.open(options.authenticate, ctx.connectionParams, options.subgraphWsUrl, options.logger);
        if (ctx.extra.socket.readyState !== WebSocket.OPEN) return false;
        connections.set(ctx, connection);
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const connection = connections.get(ctx);
        if (!connection) return [new GraphQLError('The connection is closing')];
        return prepareOperation(documents, connection, payload);
      },
      execute: (args) => executeOperation(args.contextValue as PreparedOperation),
      subscribe: (args) =>
        subscribeThroughPlan({ planner, dataSource: (name) => options.dataSource(name) }, args.contextValue as PreparedOperation),
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result, options.formatError),
      onClose: (ctx) => {
        connections.get(ctx)?.dispose();
        connections.delete(ctx);
      },
    },
    wsServer,
  );

  return {
    async close() {
      options.httpServer.off('upgrade', onUpgrade);
      for (const connection of connections.values()) connection.dispose();
      connections.clear();
      for (const client of wsServer.clients) client.terminate();
      await disposable.dispose();
    },
    openUpstreamSubscriptions() {
      let open = 0;
      for (const connection of connections.values()) open += connection.openUpstreamSubscriptions;
      return open;
    },
  };
}

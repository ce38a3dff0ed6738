import type { InProcessWebSocketClass } from '../../platform/server/in-process-graphql-ws.js';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { GraphQLDataSource } from '@apollo/gateway';
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import { appError, ErrorCode } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { InputLimits } from '../../platform/server/input-hygiene.js';
import type { RequestContext } from '../../platform/request-context.js';
import { operationLimitRules, parseWithinTokenLimit, type OperationLimits } from '../../platform/server/operation-limits.js';
import { formatResult } from './format-result.js';
import { GatewayConnection } from './gateway-connection.js';
import { prepareOperation, type PreparedOperation } from './prepare-operation.js';
import { subscribeThroughPlan } from './subscribe-through-plan.js';
import { createSubscriptionPlanner } from './subscription-planner.js';
import { ValidatedDocuments } from './validated-documents.js';
import { SocketLimits, type SocketLimitSettings } from './socket-limits.js';
import { trustedPayload } from './trusted-payload.js';
import type { TrustedDocuments } from '../trusted-documents.js';

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
  /** The client WebSocket for a subgraph of this process (no socket); undefined: a real one to `subgraphWsUrl`. */
  subgraphWebSocketImpl?(serviceName: string): InProcessWebSocketClass | undefined;
  /** data source per service name used for follow-up fetches (the gateway passes RemoteGraphQLDataSource instances carrying auth and request ID in willSendRequest) */
  dataSource(serviceName: string): GraphQLDataSource;
  /** Resolves the caller from connectionParams; a thrown GraphQLError (bad or expired token) closes the socket with 4403. */
  authenticate(connectionParams: Record<string, unknown> | undefined): Promise<RequestContext>;
  /** Input hygiene for every operation on the socket, when it arrives (queries and mutations are checked again by Apollo). */
  inputLimits: InputLimits;
  /** Runs queries and mutations (the gateway uses Apollo Server's `executeOperation`). */
  executeOperation(request: GraphqlWsOperationRequest, context: RequestContext): Promise<ExecutionResult>;
  /** The same operation limits as over HTTP; subscriptions are validated here, not by Apollo Server. */
  operationLimits: OperationLimits;
  /** Operations open at once on one socket, and sockets open at once per user. */
  socketLimits: SocketLimitSettings;
  logger: Logger;
  /** false (production's default): introspection refused and field suggestions hidden, as over HTTP. */
  introspection?: boolean;
  /** TRUSTED_DOCUMENTS: only listed documents run, named by text, `extensions.persistedQuery.sha256Hash` or `documentId`. */
  trusted?: TrustedDocuments;
  /** Rate limits of subscriptions (queries and mutations are counted by the executor); a returned error refuses the operation. */
  checkRateLimits?(context: RequestContext, document: DocumentNode, operationName?: string | null): Promise<GraphQLError | undefined>;
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
  const { operationLimits } = options;
  const documents = new ValidatedDocuments(planner.apiSchema, {
    parse: (query) => parseWithinTokenLimit(query, operationLimits.maxTokens),
    rules: operationLimitRules(operationLimits),
    introspection: options.introspection ?? true,
  });
  const socketLimits = new SocketLimits(options.socketLimits);
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
      // A bad or expired token in connection_init closes the socket with 4403 Forbidden, as graphql-ws defines.
      onConnect: async (ctx) => {
        let caller: RequestContext;
        try {
          caller = { ...(await options.authenticate(ctx.connectionParams)), clientIp: ctx.extra.request.socket.remoteAddress };
        } catch (error) {
          if (error instanceof GraphQLError) return false;
          options.logger.error({ err: error }, 'graphql-ws authentication failed unexpectedly');
          ctx.extra.socket.close(CloseCode.InternalServerError, 'Internal server error');
          return false;
        }
        if (ctx.extra.socket.readyState !== WebSocket.OPEN) return false;
        const refusal = socketLimits.admit(ctx, caller);
        if (refusal) {
          ctx.extra.socket.close(refusal.closeCode, refusal.reason);
          return false;
        }
        connections.set(ctx, new GatewayConnection(caller, { url: options.subgraphWsUrl, webSocketImpl: options.subgraphWebSocketImpl }));
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const connection = connections.get(ctx);
        if (!connection) return [new GraphQLError('The connection is closing')];
        const refusal = socketLimits.checkOperations(Object.keys(ctx.subscriptions).length);
        if (refusal) {
          if (!(connection.caller instanceof GraphQLError))
            connection.caller.log.info('graphql-ws operation refused: too many open on the socket');
          return [refusal];
        }
        const trusted = trustedPayload(options.trusted, payload);
        if (Array.isArray(trusted)) {
          connection.caller.log.info('graphql-ws operation refused: not a trusted document');
          return trusted;
        }
        const prepared = prepareOperation(documents, connection, trusted, options.inputLimits);
        if (!('schema' in prepared) || !options.checkRateLimits) return prepared;
        const operation = prepared.contextValue as PreparedOperation;
        if (operation.kind !== 'subscription') return prepared;
        const limited = await options.checkRateLimits(operation.context, operation.document, operation.operationName);
        return limited ? [limited] : prepared;
      },
      execute: (args) => executeOperation(args.contextValue as PreparedOperation),
      subscribe: (args) =>
        subscribeThroughPlan({ planner, dataSource: (name) => options.dataSource(name) }, args.contextValue as PreparedOperation),
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result, options.formatError),
      onClose: (ctx) => {
        socketLimits.release(ctx);
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

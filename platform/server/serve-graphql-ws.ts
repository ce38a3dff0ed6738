import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { CloseCode, makeServer, type ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { untilDeadline } from '../async/until-deadline.js';
import { tokenExpiredError } from '../auth/jwt.js';
import { ErrorCode } from '../errors.js';
import { inProcessGraphqlWs, type InProcessSocketExtra, type InProcessWebSocketClass } from './in-process-graphql-ws.js';

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
  /** When the connection's token stops being accepted; its subscriptions end then. */
  tokenExpiresAt?: number;
}

export interface GraphqlWsOptions {
  /**
   * Checks `connection_init`: a GraphQLError with code UNAUTHENTICATED closes the socket with 4403 Forbidden, any other
   * failure with 4500. Without it every socket is acknowledged and each operation is judged by the context alone.
   */
  authenticate?(connectionParams: Record<string, unknown>): Promise<{ tokenExpiresAt?: number }>;
}

/**
 * Serves graphql-ws on the same path as HTTP, through yoga's envelop pipeline (yoga's documented `getEnveloped`
 * recipe) so plugins, context and error masking are identical on both transports.
 */
export interface GraphqlWsService {
  /** graphql-ws sockets currently open (over the network and in process). */
  openSockets(): number;
  /** A client's `webSocketImpl` reaching this server from the same process without a socket (see in-process-graphql-ws.ts). */
  InProcessWebSocket: InProcessWebSocketClass;
  /** Drops every socket without a close handshake, as a crash would (tests of what clients and gateways then do). */
  terminateAll(): void;
  close(): Promise<void>;
}

/** `ctx.extra` on either transport: ws gives the socket and its upgrade request; in process there is no request. */
type SocketExtra = { socket: InProcessSocketExtra['socket']; request?: IncomingMessage };

export function serveGraphqlWs(httpServer: Server, yoga: YogaServerInstance<any, any>, options: GraphqlWsOptions = {}): GraphqlWsService {
  const wsServer = new WebSocketServer({ server: httpServer, path: yoga.graphqlEndpoint });
  const tokenExpiresAt = new WeakMap<object, number>();
  // One set of hooks for both transports: sockets of other processes (ws) and of this one (in process).
  const serverOptions: ServerOptions<Record<string, unknown> | undefined, SocketExtra> = {
    onConnect: async (ctx) => {
      if (!options.authenticate) return true;
      try {
        const { tokenExpiresAt: expiresAt } = await options.authenticate(ctx.connectionParams ?? {});
        if (expiresAt !== undefined) tokenExpiresAt.set(ctx, expiresAt);
        return true;
      } catch (error) {
        if (error instanceof GraphQLError && error.extensions.code === ErrorCode.Unauthenticated) return false; // 4403 Forbidden
        ctx.extra.socket.close(CloseCode.InternalServerError, 'Internal server error');
        return false;
      }
    },
    execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
    // A subscription ends with one UNAUTHENTICATED result, then `complete`, when the connection's token expires.
    subscribe: async (args) => {
      const root = args.rootValue as EnvelopedRoot;
      const result = (await root.subscribe(args)) as AsyncIterable<ExecutionResult> | ExecutionResult;
      if (root.tokenExpiresAt === undefined || !(Symbol.asyncIterator in result)) return result as never;
      return untilDeadline(result, root.tokenExpiresAt, (): ExecutionResult => ({ errors: [tokenExpiredError()] })) as never;
    },
    onSubscribe: async (ctx, _id, params) => {
      const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
        ...ctx,
        req: ctx.extra.request,
        socket: ctx.extra.socket,
        params,
        connectionParams: ctx.connectionParams ?? {},
      });
      let document;
      try {
        document = parse(params.query);
      } catch (error) {
        return [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message)];
      }
      const errors = validate(schema, document);
      if (errors.length > 0) return errors;
      let contextValue;
      try {
        contextValue = await contextFactory();
      } catch (error) {
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
      return {
        schema,
        operationName: params.operationName,
        document,
        variableValues: params.variables,
        contextValue,
        rootValue: { execute, subscribe, tokenExpiresAt: tokenExpiresAt.get(ctx) } satisfies EnvelopedRoot,
      };
    },
  };
  const disposable = useServer(serverOptions, wsServer);
  const inProcess = inProcessGraphqlWs(makeServer(serverOptions));
  const terminateAll = () => {
    for (const client of wsServer.clients) client.terminate();
    inProcess.terminateAll();
  };
  return {
    openSockets: () => wsServer.clients.size + inProcess.openSockets(),
    InProcessWebSocket: inProcess.WebSocket,
    terminateAll,
    async close() {
      inProcess.close();
      terminateAll();
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

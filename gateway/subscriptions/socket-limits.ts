import { GraphQLError } from 'graphql';
import { appError } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/request-context.js';

/** The code of an operation refused because its socket has too many open already. */
export const TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS';
/** The graphql-ws close code (4000-4999 are the application's) of a socket refused because its user has too many. */
export const TOO_MANY_SOCKETS_CLOSE_CODE = 4429;

export interface SocketLimitSettings {
  /** Operations (subscriptions, and queries or mutations in flight) open at once on one socket. */
  maxOperationsPerSocket: number;
  /** Sockets open at once per authenticated user (tenant and user ID); anonymous sockets answer every operation with an error anyway. */
  maxSocketsPerUser: number;
}

/** Counts each user's open sockets and refuses operations past the per-socket cap. */
export class SocketLimits {
  private readonly socketsPerUser = new Map<string, number>();
  private readonly userOfSocket = new Map<object, string>();

  constructor(private readonly settings: SocketLimitSettings) {}

  /** Registers a socket, or says why it is refused (then nothing is counted). */
  admit(socket: object, caller: RequestContext | GraphQLError): { closeCode: number; reason: string } | undefined {
    const context = caller instanceof GraphQLError ? undefined : caller;
    const principal = context?.principal;
    if (!context || !principal) return undefined;
    const user = `${principal.tenantId}\u0000${principal.userId}`;
    const open = this.socketsPerUser.get(user) ?? 0;
    if (open >= this.settings.maxSocketsPerUser) {
      context.log.warn({ tenantId: principal.tenantId, userId: principal.userId, open }, 'graphql-ws socket refused: too many open');
      return {
        closeCode: TOO_MANY_SOCKETS_CLOSE_CODE,
        reason: `TOO_MANY_SOCKETS: at most ${this.settings.maxSocketsPerUser} per user (WS_MAX_SOCKETS_PER_USER)`,
      };
    }
    this.socketsPerUser.set(user, open + 1);
    this.userOfSocket.set(socket, user);
    return undefined;
  }

  release(socket: object): void {
    const user = this.userOfSocket.get(socket);
    if (user === undefined) return;
    this.userOfSocket.delete(socket);
    const open = (this.socketsPerUser.get(user) ?? 1) - 1;
    if (open > 0) this.socketsPerUser.set(user, open);
    else this.socketsPerUser.delete(user);
  }

  /** `open` counts the operation being started. */
  checkOperations(open: number): GraphQLError | undefined {
    if (open <= this.settings.maxOperationsPerSocket) return undefined;
    return appError(
      TOO_MANY_SUBSCRIPTIONS,
      `At most ${this.settings.maxOperationsPerSocket} operations can be open at once on one socket (WS_MAX_SUBSCRIPTIONS_PER_SOCKET); complete one first`,
      { max: this.settings.maxOperationsPerSocket },
    );
  }
}

import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { Observable } from 'rxjs';
import { persistedDocumentFor, reconnectDelayMs } from '../../typescript/src/index.js';

/**
 * Apollo Client over the gateway: queries and mutations over HTTP, subscriptions over one graphql-ws socket. Both
 * send the SDK's manifest text of each operation, so the console also works against a gateway that only runs trusted
 * documents (TRUSTED_DOCUMENTS).
 */
export function createApollo(getToken: () => string): { client: ApolloClient; close: () => void } {
  const http = new HttpLink({
    uri: '/graphql',
    print: (ast, originalPrint) => (ast.kind === 'Document' ? persistedDocumentFor(operationNameOf(ast)) : undefined) ?? originalPrint(ast),
    fetch: (input, init) =>
      fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${getToken()}` } }),
  });
  const socket = createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    lazy: true,
    // Read on every (re)connection: a token replaced meanwhile is the one used.
    connectionParams: () => ({ authorization: `Bearer ${getToken()}` }),
    retryAttempts: 20,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, reconnectDelayMs(retries))),
    shouldRetry: () => true,
  });
  const ws = new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) =>
        socket.subscribe(
          {
            query: persistedDocumentFor(operation.operationName) ?? '',
            operationName: operation.operationName,
            variables: operation.variables,
          },
          {
            next: (result) => observer.next(result as ApolloLink.Result),
            error: (error) => observer.error(Array.isArray(error) ? Object.assign(new Error(error[0]?.message), { errors: error }) : error),
            complete: () => observer.complete(),
          },
        ),
      ),
  );
  const isSubscription = ({ query }: ApolloLink.Operation) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
  };
  const client = new ApolloClient({
    link: ApolloLink.split(isSubscription, ws, http),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
  return { client, close: () => void socket.dispose() };
}

function operationNameOf(ast: Parameters<typeof getMainDefinition>[0]): string | undefined {
  const definition = getMainDefinition(ast);
  return definition.kind === 'OperationDefinition' ? definition.name?.value : undefined;
}

import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../platform/request-context.js';
import { findInputProblem, type InputLimits } from '../platform/server/input-hygiene.js';

/**
 * Input hygiene at the front door (platform/server/input-hygiene.ts): the operation's arguments and variables are
 * checked once the operation is known and before it is planned, so a refused value never fans out to subgraphs (nor
 * reaches the gateway's JSON encoding of subgraph calls, which would overflow on deep values). HTTP and the
 * graphql-ws bridge's queries and mutations both come through here.
 */
export function inputHygienePlugin(limits: InputLimits): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const problem = findInputProblem({ document, operationName: request.operationName, variables: request.variables }, limits);
          if (!problem) return;
          problem.extensions.http = { status: 400 };
          throw problem;
        },
      };
    },
  };
}

import { expect } from 'vitest';
import type { TestSupergraph } from '../support/test-supergraph.js';
import { waitFor } from '../support/wait-for.js';

export const INGEST = /* GraphQL */ `
  mutation Ingest($input: IngestDocumentInput!) {
    ingestDocument(input: $input) {
      id
      status
    }
  }
`;
export const JOB = /* GraphQL */ `
  query Job($id: ID!) {
    ingestionJob(id: $id) {
      id
      kind
      status
      documentId
      deduplicated
      chunksTotal
      chunksEmbedded
      errorCode
      errorMessage
    }
  }
`;
export const DOCUMENT = /* GraphQL */ `
  query Doc($id: ID!) {
    document(id: $id) {
      id
      title
      scope
      format
      tags
      metadata
      chunkCount
      body
      chunks {
        id
        ordinal
        text
        headingPath
        tokenCount
      }
    }
  }
`;
export const SEARCH = /* GraphQL */ `
  query Search($query: String!, $scope: String, $first: Int, $mode: SearchMode, $rerank: Boolean) {
    search(query: $query, scope: $scope, first: $first, mode: $mode, rerank: $rerank) {
      score
      highlight
      chunk {
        id
        text
        headingPath
      }
      document {
        id
        title
        scope
      }
    }
  }
`;

/** The knowledge calls of the knowledge e2e files, on the file's supergraph and tokens (all set in beforeAll). */
export function knowledgeCalls(supergraph: () => TestSupergraph, staff: () => string, customer: () => string) {
  const ingest = async (input: Record<string, unknown>, token = staff()) => {
    const result = await supergraph().request(INGEST, { input }, { token });
    expect(result.body.errors).toBeUndefined();
    return result.body.data.ingestDocument as { id: string; status: string };
  };
  const finished = async (jobId: string, token = staff()) => {
    let job: any;
    await waitFor(
      async () => {
        job = (await supergraph().request(JOB, { id: jobId }, { token })).body.data.ingestionJob;
        return job.status === 'SUCCEEDED' || job.status === 'FAILED';
      },
      `job ${jobId} to finish`,
      20_000,
    );
    return job;
  };
  const search = async (variables: Record<string, unknown>, token = customer()) => supergraph().request(SEARCH, variables, { token });
  return { ingest, finished, search };
}

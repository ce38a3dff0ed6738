import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

/**
 * GraphQL Code Generator's client preset over the composed supergraph (`npm run codegen`). Two outputs:
 * - the TypeScript SDK's typed documents and the persisted-operations manifest (what TRUSTED_DOCUMENTS enforces);
 * - the assistant subgraph's own supergraph operations, as typed strings (a subgraph never imports clients/).
 * `clients/typescript/codegen-staleness.test.ts` regenerates both in memory and fails when a checked-in file differs.
 */
const scalars = {
  DateTimeISO: 'string',
  JSONObject: 'Record<string, unknown>',
  Upload: 'Blob',
};

const config: CodegenConfig = {
  schema: 'schema/supergraph.graphql',
  ignoreNoDocuments: false,
  generates: {
    'clients/typescript/generated/': {
      documents: ['clients/typescript/operations/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      // __typename on every selection: unions (chatStream) are told apart by it, and Apollo's cache keys on it.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: { emitLegacyCommonJSImports: false, useTypeImports: true, enumsAsTypes: true, scalars },
    },
    'subgraphs/assistant/tools/generated/': {
      documents: ['subgraphs/assistant/tools/operations/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
      config: {
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumsAsTypes: true,
        documentMode: 'string',
        scalars,
      },
    },
  },
};

export default config;

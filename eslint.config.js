// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** typescript-eslint's recommended rules (syntax only, no type information, so it stays fast) over every TypeScript file. */
export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.build/', '.data/', 'schema/', '*.cjs', '**/generated/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // Composition roots hold heterogeneous subgraph definitions (`SubgraphDefinition<any>`) and tests reach into
      // GraphQL results; a typed alternative would be a cast that says less.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);

import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** The first error's message and stable code, as the gateway sent them. */
export function describeError(error: unknown): { message: string; code: string } {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    return { message: first?.message ?? error.message, code: String(first?.extensions?.code ?? 'GRAPHQL_ERROR') };
  }
  const errors = (error as { errors?: { message: string; extensions?: { code?: string } }[] } | null)?.errors;
  if (errors?.[0]) return { message: errors[0].message, code: errors[0].extensions?.code ?? 'GRAPHQL_ERROR' };
  return { message: error instanceof Error ? error.message : String(error), code: 'NETWORK_ERROR' };
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const { message, code } = describeError(error);
  return (
    <p className="error" role="alert">
      <strong>{code}</strong> {message}
    </p>
  );
}

export const money = (cents: number, currency = 'EUR') => `${(cents / 100).toFixed(2)} ${currency}`;

import { z } from 'zod';

/** Field shapes several environment variables share; each message says what a valid value looks like. */
export const port = (fallback: number) =>
  z.coerce
    .number({ error: 'expected an integer port from 1 to 65535' })
    .int('expected an integer port from 1 to 65535')
    .min(1, 'expected an integer port from 1 to 65535')
    .max(65535, 'expected an integer port from 1 to 65535')
    .default(fallback);

export const databaseUrl = z
  .string()
  .regex(/^(postgres(ql)?:\/\/.+|pglite:.+)$/, 'expected postgres://user@host:port/db, pglite:memory or pglite:<directory>')
  .optional();

export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as http://127.0.0.1:4001/graphql' }).optional();

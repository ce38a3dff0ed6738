import { z } from 'zod';

const flag = z.enum(['true', 'false'], { error: 'expected true or false' }).optional();

const origin = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

/** The environment variables of production hardening (docs/security.md, "Production mode"); part of loadConfig()'s schema. */
export const securitySettingsFields = {
  /** Schema introspection at the gateway (and anonymous introspection at the subgraphs); unset: on except in production. */
  GRAPHQL_INTROSPECTION: flag,
  /** Apollo Sandbox as the landing page of /graphql, and the offline explorer at /graphiql; unset: on except in production. */
  GRAPHQL_EXPLORER: flag,
  /** Bearer token `/metrics` requires on every service; unset: /metrics is open in development and absent (404) in production. */
  METRICS_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
  /** Path of a JSON manifest `{ "<hash>": "<document>" }`: only its documents run at the gateway; unset: any document. */
  TRUSTED_DOCUMENTS: z.string().min(1).optional(),
  /** Browser origins the subgraphs answer cross-origin requests of; unset: any origin in development, none in production. */
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const origins = text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      if (origins.some((item) => !origin.test(item))) {
        ctx.addIssue({ code: 'custom', message: 'expected comma-separated origins such as https://app.example.com,http://localhost:5173' });
        return z.NEVER;
      }
      return origins;
    }),
};

/** What production mode turns off, each unless explicitly enabled. */
export interface SecuritySettings {
  production: boolean;
  introspection: boolean;
  explorer: boolean;
  metricsToken: string | undefined;
  /** undefined: any origin (development default); an empty list: none. */
  corsOrigins: string[] | undefined;
  /** TRUSTED_DOCUMENTS: the manifest of the only documents the gateway runs; undefined: any document. */
  trustedDocuments?: string;
}

export function securitySettings(env: {
  NODE_ENV: string;
  GRAPHQL_INTROSPECTION?: 'true' | 'false';
  GRAPHQL_EXPLORER?: 'true' | 'false';
  METRICS_TOKEN?: string;
  CORS_ORIGINS?: string[];
  TRUSTED_DOCUMENTS?: string;
}): SecuritySettings {
  const production = env.NODE_ENV === 'production';
  return {
    production,
    introspection: env.GRAPHQL_INTROSPECTION ? env.GRAPHQL_INTROSPECTION === 'true' : !production,
    explorer: env.GRAPHQL_EXPLORER ? env.GRAPHQL_EXPLORER === 'true' : !production,
    metricsToken: env.METRICS_TOKEN,
    corsOrigins: env.CORS_ORIGINS ?? (production ? [] : undefined),
    trustedDocuments: env.TRUSTED_DOCUMENTS,
  };
}

const SECRET_NAME = /(SECRET|_API_KEY|TOKEN|PASSWORD|PRIVATE_KEY)$|^MODEL_PROVIDERS$/;

/**
 * How a rejected value may appear in a configuration error: never a secret's value, and a URL without its password.
 * undefined: leave the value out.
 */
export function printableRejectedValue(variable: string, value: string): string | undefined {
  if (SECRET_NAME.test(variable)) return undefined;
  const printable = withoutPassword(value);
  // A malformed URL may hide credentials where no parser finds them ("redis:/:pw@host"): leave it out.
  return printable === value && value.includes('@') && /_URL$/.test(variable) ? undefined : printable;
}

/** A URL for logs and banners: its password replaced by `***`. */
export function withoutPassword(url: string): string {
  return url.replace(/(\/\/[^/@:\s]*:)\S*@(?=[^@\s]*$)/, '$1***@');
}

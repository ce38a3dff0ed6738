import { Redis } from 'ioredis';

export interface GraphQLRequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

export interface GraphQLHttpResponse<T> {
  status: number;
  body: { data?: T; errors?: any[] };
  headers: Headers;
}

/** One GraphQL POST as a client sends it (JSON body, bearer token when given). */
export async function postGraphQL<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  options: GraphQLRequestOptions = {},
): Promise<GraphQLHttpResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: T; errors?: any[] }, headers: response.headers };
}

/** Deletes what a test run left on a shared Redis (its streams, dead letters and cache entries), by key pattern. */
export async function deleteRedisKeys(url: string, patterns: readonly string[]): Promise<void> {
  const redis = new Redis(url);
  try {
    for (const pattern of patterns) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

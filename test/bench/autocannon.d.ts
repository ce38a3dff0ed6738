// autocannon ships no types: the part of its API bench:gateway uses.
declare module 'autocannon' {
  interface Request {
    setupRequest?: (request: Record<string, any>, context: Record<string, unknown>) => Record<string, any>;
    onResponse?: (status: number, body: string) => void;
  }
  interface Options {
    url: string;
    method?: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    body?: string;
    requests?: Request[];
  }
  interface Result {
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  interface Instance extends PromiseLike<Result> {
    on(event: 'response', listener: (client: unknown, status: number, bytes: number, responseTimeMs: number) => void): void;
  }
  export default function autocannon(options: Options): Instance;
}

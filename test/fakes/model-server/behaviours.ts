/** What the fake server does for one request. Tests queue these in order; one is consumed per request. */
export type FakeBehaviour =
  | {
      kind: 'text';
      /** The answer, split into `chunks` roughly equal deltas. */
      text: string;
      chunks: number;
      /** Delay before each chunk, in milliseconds. */
      chunkDelayMs: number;
      usage: { promptTokens: number; completionTokens: number };
    }
  | {
      kind: 'tool-call';
      id: string;
      name: string;
      argumentsJson: string;
      /** The arguments are streamed in this many fragments. */
      pieces: number;
      usage: { promptTokens: number; completionTokens: number };
    }
  | { kind: 'http-error'; status: number; headers: Record<string, string>; message: string }
  /** Streams `afterChunks` deltas of `text`, then destroys the socket without `[DONE]`. */
  | { kind: 'drop'; text: string; chunks: number; afterChunks: number }
  /** Accepts the request and never answers (until the server closes). */
  | { kind: 'hang' };

const defaultUsage = { promptTokens: 11, completionTokens: 7 };

export function textAnswer(
  text: string,
  options: { chunks?: number; chunkDelayMs?: number; usage?: { promptTokens: number; completionTokens: number } } = {},
): FakeBehaviour {
  return { kind: 'text', text, chunks: options.chunks ?? 3, chunkDelayMs: options.chunkDelayMs ?? 0, usage: options.usage ?? defaultUsage };
}

export function toolCall(name: string, args: unknown, options: { id?: string; pieces?: number } = {}): FakeBehaviour {
  return {
    kind: 'tool-call',
    id: options.id ?? 'call_1',
    name,
    argumentsJson: JSON.stringify(args),
    pieces: options.pieces ?? 3,
    usage: defaultUsage,
  };
}

export function httpError(
  status: number,
  options: { retryAfter?: string; headers?: Record<string, string>; message?: string } = {},
): FakeBehaviour {
  const headers = { ...options.headers, ...(options.retryAfter === undefined ? {} : { 'retry-after': options.retryAfter }) };
  return { kind: 'http-error', status, headers, message: options.message ?? `fake error ${status}` };
}

export function dropMidStream(text: string, options: { chunks?: number; afterChunks?: number } = {}): FakeBehaviour {
  return { kind: 'drop', text, chunks: options.chunks ?? 4, afterChunks: options.afterChunks ?? 2 };
}

export function hang(): FakeBehaviour {
  return { kind: 'hang' };
}

/** Splits `text` into `count` contiguous pieces (fewer if the text is shorter). */
export function splitInto(text: string, count: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / Math.max(1, count)));
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

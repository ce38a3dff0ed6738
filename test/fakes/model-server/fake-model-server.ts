import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeBehaviour } from './behaviours.js';
import { moderationResponse } from './moderation.js';
import { respond } from './respond.js';

/** One request the fake server received, for assertions. */
export interface RecordedRequest {
  path: string;
  model: string;
  stream: boolean;
  messages: unknown[];
  tools: unknown[] | undefined;
  body: Record<string, unknown>;
  /** The x-request-id header, when one was sent. */
  requestId?: string;
}

export interface FakeModelServer {
  /** Base URL for an OpenAI client, ending in `/v1`. */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** Queues behaviours; each request consumes one, in order. */
  enqueue(...behaviours: FakeBehaviour[]): void;
  /** Drops behaviours nobody consumed (e.g. one queued for a call that may or may not happen). */
  clearQueue(): void;
  /** Played when the queue is empty (default: HTTP 500 "no scripted behaviour"). */
  setFallback(behaviour: FakeBehaviour): void;
  /**
   * `/v1/moderations` answers by rule (see `moderation.ts`); with a status set here it fails with that status
   * instead, until reset with `undefined`.
   */
  setModerationError(status: number | undefined): void;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Starts a scripted OpenAI-compatible server on 127.0.0.1 and a free port. */
export async function startFakeModelServer(): Promise<FakeModelServer> {
  const queue: FakeBehaviour[] = [];
  const requests: RecordedRequest[] = [];
  let fallback: FakeBehaviour = { kind: 'http-error', status: 500, headers: {}, message: 'no scripted behaviour' };
  let moderationError: number | undefined;

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'POST' && req.url === '/v1/moderations') {
        const body = await readJson(req);
        requests.push({ path: req.url, model: String(body['model'] ?? ''), stream: false, messages: [], tools: undefined, body });
        if (moderationError !== undefined) {
          res
            .writeHead(moderationError, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { message: `fake moderation error ${moderationError}`, type: 'fake_error', code: null } }));
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(moderationResponse(String(body['model'] ?? ''), body['input'])));
        return;
      }
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const body = await readJson(req);
      const stream = body['stream'] === true;
      const streamOptions = body['stream_options'] as { include_usage?: boolean } | undefined;
      const model = String(body['model'] ?? '');
      requests.push({
        path: req.url,
        model,
        stream,
        messages: (body['messages'] as unknown[] | undefined) ?? [],
        tools: body['tools'] as unknown[] | undefined,
        body,
        ...(typeof req.headers['x-request-id'] === 'string' ? { requestId: req.headers['x-request-id'] } : {}),
      });
      await respond(res, queue.shift() ?? fallback, { model, stream, includeUsage: streamOptions?.include_usage === true });
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...behaviours) => void queue.push(...behaviours),
    clearQueue: () => void queue.splice(0),
    setFallback: (behaviour) => void (fallback = behaviour),
    setModerationError: (status) => void (moderationError = status),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { splitInto, type FakeBehaviour } from './behaviours.js';
import { chunk, completion, usageChunk } from './chunks.js';

export interface ParsedRequest {
  model: string;
  stream: boolean;
  includeUsage: boolean;
}

function writeEvent(res: ServerResponse, data: object | '[DONE]'): void {
  res.write(`data: ${data === '[DONE]' ? data : JSON.stringify(data)}\n\n`);
}

function startSse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
}

/** Plays one behaviour onto the response. */
export async function respond(res: ServerResponse, behaviour: FakeBehaviour, request: ParsedRequest): Promise<void> {
  const { model } = request;
  switch (behaviour.kind) {
    case 'hang':
      return;
    case 'http-error':
      res.writeHead(behaviour.status, { 'content-type': 'application/json', ...behaviour.headers });
      res.end(JSON.stringify({ error: { message: behaviour.message, type: 'fake_error', code: null } }));
      return;
    case 'text': {
      if (!request.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(completion(model, { content: behaviour.text }, 'stop', behaviour.usage)));
        return;
      }
      startSse(res);
      writeEvent(res, chunk(model, { role: 'assistant', content: '' }));
      for (const piece of splitInto(behaviour.text, behaviour.chunks)) {
        if (behaviour.chunkDelayMs > 0) await sleep(behaviour.chunkDelayMs);
        if (res.destroyed) return;
        writeEvent(res, chunk(model, { content: piece }));
      }
      writeEvent(res, chunk(model, {}, 'stop'));
      if (request.includeUsage) writeEvent(res, usageChunk(model, behaviour.usage));
      writeEvent(res, '[DONE]');
      res.end();
      return;
    }
    case 'tool-call': {
      const toolCall = { id: behaviour.id, type: 'function', function: { name: behaviour.name, arguments: behaviour.argumentsJson } };
      if (!request.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(completion(model, { tool_calls: [toolCall] }, 'tool_calls', behaviour.usage)));
        return;
      }
      startSse(res);
      writeEvent(
        res,
        chunk(model, {
          role: 'assistant',
          tool_calls: [{ index: 0, id: behaviour.id, type: 'function', function: { name: behaviour.name, arguments: '' } }],
        }),
      );
      for (const piece of splitInto(behaviour.argumentsJson, behaviour.pieces)) {
        writeEvent(res, chunk(model, { tool_calls: [{ index: 0, function: { arguments: piece } }] }));
      }
      writeEvent(res, chunk(model, {}, 'tool_calls'));
      if (request.includeUsage) writeEvent(res, usageChunk(model, behaviour.usage));
      writeEvent(res, '[DONE]');
      res.end();
      return;
    }
    case 'drop': {
      startSse(res);
      const pieces = splitInto(behaviour.text, behaviour.chunks).slice(0, behaviour.afterChunks);
      for (const piece of pieces) writeEvent(res, chunk(model, { content: piece }));
      // Give the client a moment to read what was sent before the connection dies.
      await sleep(20);
      res.socket?.destroy();
      return;
    }
  }
}

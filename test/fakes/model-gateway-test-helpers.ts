import type { FakeModelServer } from './model-server/fake-model-server.js';
import type { StreamPart } from '../../platform/model-gateway/language-model.js';
import { createOpenAICompatibleProvider } from '../../platform/model-gateway/openai-compatible-provider.js';

export function providerFor(server: FakeModelServer, name: string) {
  return createOpenAICompatibleProvider({ name, baseURL: server.baseURL, apiKey: 'test-key', model: `${name}-model`, timeoutMs: 5_000 });
}

export interface Collected {
  parts: StreamPart[];
  text: string;
  error: unknown;
}

/** Drains a stream, capturing the parts seen before any error. */
export async function collect(stream: AsyncIterable<StreamPart>): Promise<Collected> {
  const parts: StreamPart[] = [];
  let error: unknown;
  try {
    for await (const part of stream) parts.push(part);
  } catch (caught) {
    error = caught;
  }
  const text = parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
  return { parts, text, error };
}

export const userQuestion = [{ role: 'user' as const, content: 'Where is my order?' }];

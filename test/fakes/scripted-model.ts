import type { LanguageModel, ModelRequest, StreamPart, Usage } from '../../platform/model-gateway/language-model.js';
import { ModelError } from '../../platform/model-gateway/model-error.js';

/** One scripted model call: the parts to stream, then optionally a failure. */
export interface ScriptedCall {
  parts: StreamPart[];
  /** Thrown after `parts` were streamed. */
  failWith?: Error;
}

/**
 * A `LanguageModel` that plays scripted calls in order and records each request (a copy of its messages), for
 * testing the tool loop without HTTP. Throws if called more often than scripted.
 */
export class ScriptedModel implements LanguageModel {
  readonly provider = 'scripted';
  readonly modelId = 'scripted-model';
  readonly requests: ModelRequest[] = [];
  private readonly calls: ScriptedCall[];

  constructor(calls: ScriptedCall[]) {
    this.calls = [...calls];
  }

  async *stream(request: ModelRequest): AsyncGenerator<StreamPart> {
    this.requests.push({ ...request, messages: structuredClone(request.messages) });
    const call = this.calls.shift();
    if (!call) throw new Error(`ScriptedModel: unscripted call #${this.requests.length}`);
    for (const part of call.parts) {
      if (request.signal?.aborted) throw new ModelError('aborted', { kind: 'aborted', isRetryable: false, provider: this.provider });
      yield part;
    }
    if (call.failWith) throw call.failWith;
  }
}

export function usage(inputTokens: number, outputTokens: number): Usage {
  return { inputTokens, outputTokens };
}

export function textCall(text: string, callUsage: Usage = usage(10, 5)): ScriptedCall {
  const words = text.split(/(?<= )/);
  return {
    parts: [...words.map((word) => ({ type: 'text-delta' as const, text: word })), { type: 'finish', reason: 'stop', usage: callUsage }],
  };
}

export function toolCallsCall(
  calls: { id: string; name: string; args: unknown }[],
  callUsage: Usage = usage(10, 5),
  preamble = '',
): ScriptedCall {
  return {
    parts: [
      ...(preamble ? [{ type: 'text-delta' as const, text: preamble }] : []),
      ...calls.map((call) => ({
        type: 'tool-call' as const,
        id: call.id,
        name: call.name,
        argumentsJson: typeof call.args === 'string' ? call.args : JSON.stringify(call.args),
      })),
      { type: 'finish', reason: 'tool-calls', usage: callUsage },
    ],
  };
}

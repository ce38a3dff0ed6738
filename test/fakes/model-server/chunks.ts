/** Builders for OpenAI chat.completion(.chunk) JSON bodies. */
const created = 1_700_000_000;

export function chunk(model: string, delta: Record<string, unknown>, finishReason: string | null = null): object {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

export function usageChunk(model: string, usage: { promptTokens: number; completionTokens: number }): object {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [],
    usage: {
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      total_tokens: usage.promptTokens + usage.completionTokens,
    },
  };
}

export function completion(
  model: string,
  message: Record<string, unknown>,
  finishReason: string,
  usage: { promptTokens: number; completionTokens: number },
): object {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: null, ...message }, finish_reason: finishReason, logprobs: null }],
    usage: {
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      total_tokens: usage.promptTokens + usage.completionTokens,
    },
  };
}

import type { ChatMessage } from '../../../platform/model-gateway/language-model.js';

/** One tool call the conversation already holds, with its parsed arguments and result. */
export interface ToolExchange {
  name: string;
  args: Record<string, unknown>;
  ok: boolean;
  /** The parsed tool message; for failed calls `{ error: { code, message } }`. */
  result: unknown;
}

/** What the offline model reads from `messages`: the user's latest words and the tool calls before and after them. */
export interface ConversationView {
  userMessage: string;
  /** Tool calls of earlier turns, oldest first. */
  earlier: ToolExchange[];
  /** Tool calls made since the latest user message, oldest first. */
  currentTurn: ToolExchange[];
  /** Text of assistant messages before the latest user message, oldest first (history may hold only text). */
  earlierAssistantTexts: string[];
}

export function readConversation(messages: readonly ChatMessage[]): ConversationView {
  let lastUserIndex = -1;
  messages.forEach((message, index) => {
    if (message.role === 'user') lastUserIndex = index;
  });
  const resultsById = new Map<string, string>();
  for (const message of messages) if (message.role === 'tool') resultsById.set(message.toolCallId, message.content);

  const earlier: ToolExchange[] = [];
  const currentTurn: ToolExchange[] = [];
  messages.forEach((message, index) => {
    if (message.role !== 'assistant' || !message.toolCalls) return;
    for (const call of message.toolCalls) {
      const content = resultsById.get(call.id);
      if (content === undefined) continue;
      const result = parseJson(content);
      const ok = !(typeof result === 'object' && result !== null && 'error' in result);
      const args = parseJson(call.argumentsJson);
      const exchange = {
        name: call.name,
        args: typeof args === 'object' && args !== null ? (args as Record<string, unknown>) : {},
        ok,
        result,
      };
      (index > lastUserIndex ? currentTurn : earlier).push(exchange);
    }
  });
  const earlierAssistantTexts = messages
    .slice(0, Math.max(0, lastUserIndex))
    .flatMap((message) => (message.role === 'assistant' && message.content ? [message.content] : []));
  return {
    userMessage: lastUserIndex >= 0 ? (messages[lastUserIndex] as { content: string }).content : '',
    earlier,
    currentTurn,
    earlierAssistantTexts,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

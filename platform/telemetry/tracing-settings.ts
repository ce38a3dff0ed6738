let captureMessageContent = false;

/**
 * OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true puts prompts and answers on model spans. Off by default:
 * they are user data, and traces usually have wider access and longer retention than the conversations table.
 */
export function setMessageContentCapture(enabled: boolean): void {
  captureMessageContent = enabled;
}

export function capturesMessageContent(): boolean {
  return captureMessageContent;
}

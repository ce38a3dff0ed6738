import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { capturesMessageContent } from '../telemetry/tracing-settings.js';
import { tracer } from '../telemetry/tracer.js';
import type { ModelCallRecord } from './call-record.js';
import type { FinishReason, ModelRequest } from './language-model.js';

/**
 * One CLIENT span per model-gateway call (over all retries and fallbacks), named and attributed after the
 * OpenTelemetry GenAI semantic conventions: `chat <model>`, `gen_ai.operation.name`, `gen_ai.provider.name`,
 * `gen_ai.request.model`, `gen_ai.response.model`, `gen_ai.usage.*`. Prompts and answers are recorded only when the
 * operator opts in (OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true).
 */
export function startModelCallSpan(request: ModelRequest, requestedModel: string): Span {
  const span = tracer.startSpan(`chat ${requestedModel}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': requestedModel,
      ...(request.temperature !== undefined ? { 'gen_ai.request.temperature': request.temperature } : {}),
      ...(request.maxTokens !== undefined ? { 'gen_ai.request.max_tokens': request.maxTokens } : {}),
    },
  });
  if (span.isRecording() && capturesMessageContent()) {
    span.setAttribute('gen_ai.input.messages', JSON.stringify(request.messages));
    if (request.tools?.length) span.setAttribute('gen_ai.tool.definitions', JSON.stringify(request.tools));
  }
  return span;
}

/** The first stream part reached the caller: the time to first token, as an event on the span. */
export function markFirstToken(span: Span, timeToFirstTokenMs: number): void {
  if (!span.isRecording()) return;
  span.addEvent('gen_ai.first_token');
  span.setAttribute('ragline.gen_ai.time_to_first_token_ms', Math.round(timeToFirstTokenMs * 10) / 10);
}

export function endModelCallSpan(span: Span, record: ModelCallRecord, finishReason: FinishReason | undefined, answer: string): void {
  if (!span.isRecording()) return span.end();
  span.setAttributes({
    'gen_ai.provider.name': record.provider,
    'gen_ai.response.model': record.model,
    'ragline.gen_ai.attempts': record.attempts,
    'ragline.gen_ai.outcome': record.outcome,
    ...(record.usage
      ? { 'gen_ai.usage.input_tokens': record.usage.inputTokens, 'gen_ai.usage.output_tokens': record.usage.outputTokens }
      : {}),
    ...(finishReason ? { 'gen_ai.response.finish_reasons': [finishReason] } : {}),
    ...(record.errorType ? { 'error.type': record.errorType } : {}),
  });
  if (capturesMessageContent()) span.setAttribute('gen_ai.output.messages', JSON.stringify([{ role: 'assistant', content: answer }]));
  if (record.outcome === 'failed' || record.outcome === 'interrupted')
    span.setStatus({ code: SpanStatusCode.ERROR, message: record.errorType });
  span.end();
}

import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { setMessageContentCapture } from './tracing-settings.js';

export interface TracingHandle {
  /** False when no OTLP endpoint is configured: no provider is registered and every span is a no-op. */
  readonly enabled: boolean;
  /** Where spans go (the OTLP/HTTP traces URL), when enabled. */
  readonly tracesUrl: string | undefined;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

const DISABLED: TracingHandle = { enabled: false, tracesUrl: undefined, forceFlush: async () => {}, shutdown: async () => {} };

/**
 * The OTLP/HTTP traces URL the standard variables name: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, or
 * OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`. Undefined (tracing off) when neither is set, when OTEL_SDK_DISABLED is
 * true or when OTEL_TRACES_EXPORTER is `none`.
 */
export function otlpTracesUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  if (env.OTEL_TRACES_EXPORTER?.split(',').some((name) => name.trim() === 'none')) return undefined;
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (traces) return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}

/**
 * Starts tracing for this process from the standard OTEL_* variables; call it before anything else is built (the
 * commands do), so every tracer, @apollo/gateway's included, finds the registered provider. Without an endpoint
 * nothing is registered: @opentelemetry/api then hands out non-recording spans, which cost a function call each.
 *
 * Sampling follows OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (the SDK reads them; default parentbased_always_on),
 * the resource OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES, the exporter OTEL_EXPORTER_OTLP_HEADERS and the batch
 * processor OTEL_BSP_*.
 */
export function startTracing(options: { serviceName: string; env?: NodeJS.ProcessEnv }): TracingHandle {
  const env = options.env ?? process.env;
  const tracesUrl = otlpTracesUrl(env);
  if (!tracesUrl) return DISABLED;
  setMessageContentCapture(env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT?.trim().toLowerCase() === 'true');
  const detected = detectResources({ detectors: [envDetector] });
  const resource = resourceFromAttributes({ 'service.name': options.serviceName }).merge(detected);
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl }))],
  });
  // Registers the provider, the AsyncLocalStorage context manager and the W3C trace-context + baggage propagators.
  provider.register();
  return {
    enabled: true,
    tracesUrl,
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      // Flushes what is pending; a collector that cannot be reached must not fail the process's shutdown.
      await provider.shutdown().catch(() => undefined);
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

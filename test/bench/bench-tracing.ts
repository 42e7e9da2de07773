import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BatchSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';

/**
 * `BENCH_TRACING=1`: the runtime measured with tracing on — an SDK registered as a user
 * would (AsyncLocalStorage context, batch span processor), every span recorded and handed
 * to an exporter that counts and drops them, so the figure is the runtime's and the SDK's
 * cost without a collector's network (a queue of 65,536 spans, so none is dropped at
 * these rates; the default 2,048 would drop most). Unset: no SDK, the runtime's no-tracing path.
 * Returns a line for the report's header.
 */
export function tracingFromEnv(env: Record<string, string | undefined>): string {
  if (env.BENCH_TRACING !== '1') return 'tracing off (no OpenTelemetry SDK registered)';
  let exported = 0;
  const exporter: SpanExporter = {
    export: (spans: ReadableSpan[], done) => { exported += spans.length; done({ code: 0 }); },
    shutdown: async () => {},
  };
  trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter, maxQueueSize: 65_536, maxExportBatchSize: 2_048 })] }));
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  // On stderr: the last line of stdout stays the JSON summary.
  process.on('exit', () => console.error(`tracing on: ${exported} spans exported`));
  return 'tracing ON (OpenTelemetry SDK: batch span processor, spans counted and dropped)';
}

/**
 * OpenTelemetry's Node SDK, configured by the standard `OTEL_*` variables
 * (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/), and
 * only when asked for: without any, nothing is loaded and the runtime does no tracing work.
 */
export interface TelemetrySettings {
  /** Traces are exported: `OTEL_TRACES_EXPORTER` (other than `none`) or an OTLP endpoint is set. */
  traces: boolean;
  /** OTel metrics are exported: `OTEL_METRICS_EXPORTER` (other than `none`) is set. */
  metrics: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** What the environment asks for; `OTEL_SDK_DISABLED=true` turns everything off, as the spec says. */
export function telemetrySettings(env: Env): TelemetrySettings {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return { traces: false, metrics: false };
  const exporters = (name: string) => (env[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const traceExporters = exporters('OTEL_TRACES_EXPORTER');
  const traces = traceExporters.length > 0
    ? !traceExporters.includes('none')
    : Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const metricExporters = exporters('OTEL_METRICS_EXPORTER');
  return { traces, metrics: metricExporters.length > 0 && !metricExporters.includes('none') };
}

export interface RunningTelemetry {
  settings: TelemetrySettings;
  /** Exports what is buffered and stops; call before the process exits. */
  shutdown(): Promise<void>;
}

/**
 * Starts the SDK when the environment asks for traces or metrics, else resolves undefined.
 * The SDK reads the variables itself (exporter, endpoint, protocol, headers, sampler,
 * `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`, propagators); a signal the environment
 * does not name is set to `none` here, where the SDK's own default would be OTLP to
 * localhost. Call it before the actor system starts.
 */
export async function startTelemetry(env: Env, setEnv: (name: string, value: string) => void): Promise<RunningTelemetry | undefined> {
  const settings = telemetrySettings(env);
  if (!settings.traces && !settings.metrics) return undefined;
  if (!settings.traces) setEnv('OTEL_TRACES_EXPORTER', 'none');
  else if (!env.OTEL_TRACES_EXPORTER) setEnv('OTEL_TRACES_EXPORTER', 'otlp');
  if (!settings.metrics) setEnv('OTEL_METRICS_EXPORTER', 'none');
  if (!env.OTEL_LOGS_EXPORTER) setEnv('OTEL_LOGS_EXPORTER', 'none');
  if (!env.OTEL_SERVICE_NAME) setEnv('OTEL_SERVICE_NAME', 'milk-factory');
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({ instrumentations: [] });
  sdk.start();
  return { settings, shutdown: () => sdk.shutdown() };
}

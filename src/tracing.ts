import type { Tracing } from './telemetry.ts';

export type { Tracing };

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Whether OpenTelemetry's standard variables ask for traces: an OTLP endpoint is set, and
 * neither OTEL_SDK_DISABLED=true nor OTEL_TRACES_EXPORTER=none turns them off.
 */
export function tracingRequested(env: Environment): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * Starts tracing when the environment asks for it, before the app is built. Otherwise nothing of
 * OpenTelemetry is loaded at all: src/telemetry.ts (the one module that imports it) is imported
 * here, behind the check, and nowhere else. Throws ConfigError for settings it cannot honour.
 */
export async function startTracing(env: Environment): Promise<Tracing | undefined> {
  if (!tracingRequested(env)) return undefined;
  const { startTelemetry } = await import('./telemetry.ts');
  return startTelemetry(env);
}

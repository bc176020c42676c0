import { buildApp } from './app.ts';
import { ConfigError, loadConfig, resolveSecret } from './config.ts';
import { stopOnSignals } from './http/graceful-stop.ts';
import { limitHeapGrowth } from './runtime/heap-growth.ts';
import { startTracing } from './tracing.ts';

// The only place that reads the environment and listens; everything else is `buildApp`.
async function main(): Promise<void> {
  let config;
  let secret;
  let tracing;
  try {
    config = loadConfig(process.env);
    secret = resolveSecret(config);
    // Before the app: OpenTelemetry's standard variables (OTEL_EXPORTER_OTLP_ENDPOINT …) turn it on.
    tracing = await startTracing(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`keyward: ${error.message}`);
      process.exit(78);
    }
    throw error;
  }
  // A process-wide V8 setting, so here and in `keyward serve`, not in buildApp (tests build apps).
  limitHeapGrowth();
  const app = await buildApp({ config, secret, tracing });
  stopOnSignals(app);
  await app.listen({ port: config.port, host: config.host });
}

await main();

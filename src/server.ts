import { boundYoungGeneration } from './runtime/young-generation.ts';

// First, before anything else is loaded: V8 sizes the young generation when a process starts, so
// this may start the process again with it bounded (young-generation.ts), and what was loaded
// before is loaded twice.
boundYoungGeneration();
const { buildApp } = await import('./app.ts');
const { ConfigError, loadConfig, resolveSecret } = await import('./config.ts');
const { stopOnSignals } = await import('./http/graceful-stop.ts');
const { limitHeapGrowth } = await import('./runtime/heap-growth.ts');
const { startTracing } = await import('./tracing.ts');

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

import { buildApp } from './app.ts';
import { ConfigError, loadConfig, resolveSecret } from './config.ts';

// The only place that reads the environment and listens; everything else is `buildApp`.
async function main(): Promise<void> {
  let config;
  let secret;
  try {
    config = loadConfig(process.env);
    secret = resolveSecret(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`keyward: ${error.message}`);
      process.exit(78);
    }
    throw error;
  }
  const app = await buildApp({ config, secret });
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  await app.listen({ port: config.port, host: config.host });
}

await main();

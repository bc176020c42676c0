import type { Command } from 'commander';
import { resolveSecret } from '../../config.ts';
import { startTracing } from '../../tracing.ts';
import { stopOnSignals } from '../../http/graceful-stop.ts';
import { limitHeapGrowth } from '../../runtime/heap-growth.ts';
import type { CliIo } from '../io.ts';
import { CONFIG_OPTION, configOf } from './config.ts';

/**
 * `keyward serve`: the server, as `npm start` runs it (`src/server.ts`), with --port/--host as
 * a shorthand for PORT/HOST. Every other setting comes from the environment and the config file
 * (`--config`, or KEYWARD_CONFIG) through `loadConfig`; the environment wins over the file.
 */
export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the Keyward server (settings from the environment and --config, see the README)')
    .option(...CONFIG_OPTION)
    .option('--port <port>', 'port to listen on (default: PORT, else 8080)')
    .option('--host <host>', 'address to listen on (default: HOST, else 127.0.0.1)')
    .action(async (options: { port?: string; host?: string; config?: string }) => {
      const config = configOf(io, options, { ...(options.port ? { PORT: options.port } : {}), ...(options.host ? { HOST: options.host } : {}) });
      // OpenTelemetry's standard variables turn tracing on; it starts before the app is built.
      const tracing = await startTracing(io.env);
      // Loaded here, not at the top: the remote commands must not pay for loading the server.
      const { buildApp } = await import('../../app.ts');
      // As src/server.ts: the old generation collected before garbage triples it (heap-growth.ts).
      limitHeapGrowth();
      const app = await buildApp({ config, secret: resolveSecret(config), tracing });
      // As `npm start` stops: every request already received is answered, then usage is
      // flushed and the database closed, within orchestrators' 10-second grace.
      stopOnSignals(app);
      await app.listen({ port: config.port, host: config.host });
    });
}

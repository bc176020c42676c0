// Loaded with `node --import` ahead of the server: notes every OpenTelemetry module that gets
// loaded (imported or required) and prints the list when the process exits.
import { registerHooks } from 'node:module';

const loaded = new Set<string>();
registerHooks({
  load(url, context, nextLoad) {
    if (/opentelemetry|@fastify\/otel/.test(url)) loaded.add(url);
    return nextLoad(url, context);
  },
});
process.on('exit', () => process.stderr.write(`otel modules loaded: ${JSON.stringify([...loaded])}\n`));

import Fastify from 'fastify';

// The yardstick: the cheapest useful Fastify answer to the same kind of POST verify gets.
const app = Fastify({ logger: false });
app.post('/v1/keys/verify', async () => ({ valid: true }));
await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));

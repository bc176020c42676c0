import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { embeddedFiles } from './embedded-files.ts';

/** Generates `/openapi.json` from the route schemas and serves the interactive reference at `/docs`. */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  // In the single executable swagger-ui's own files are packed in (packaging/sea.ts), not beside
  // its module: its logo, which it would read from there, is given here, and the bundle serves
  // the rest from memory (packaging/swagger-ui-static.ts).
  const swaggerUiLogo = embeddedFiles('swagger-ui/')?.get('logo.svg');
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Keyward API', version: '1.0.0', description: 'Issue, verify and govern API keys.' },
      components: {
        securitySchemes: {
          managementKey: { type: 'http', scheme: 'bearer', description: 'A Keyward API key whose groups grant the management permission' },
          session: { type: 'apiKey', in: 'cookie', name: 'keyward_session', description: 'Dashboard session; writes also need the x-csrf-token header' },
          portalSession: { type: 'apiKey', in: 'cookie', name: 'keyward_portal', description: 'Self-service portal session (from a portal link); writes also need its x-csrf-token' },
        },
      },
      tags: [
        { name: 'auth' }, { name: 'projects' }, { name: 'users' }, { name: 'groups' },
        { name: 'keys' }, { name: 'verification' }, { name: 'audit' }, { name: 'operations' },
      ],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) ?? `def-${i}` },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    ...(swaggerUiLogo ? { logo: { type: 'image/svg+xml', content: swaggerUiLogo } } : {}),
    staticCSP: true,
    // Like the rest of Keyward (app.ts), /docs must work over plain HTTP on a private network:
    // upgrade-insecure-requests would send its own scripts to an https:// that is not there.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

/**
 * Keyward's layers, enforced in `npm test` (`npm run lint:layers`): domain → store → runtime
 * (caches, counters written behind, Redis) → services → http / cli. The dashboard (web/) and
 * the SDK (packages/sdk) speak only HTTP.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain holds rules only: it imports no other layer of Keyward.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(?!domain/)' },
    },
    {
      name: 'store-below-services',
      comment: 'The store knows nothing of the runtime machinery, use cases or transports.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(runtime|services|http|cli|app\\.ts|server\\.ts)' },
    },
    {
      name: 'runtime-below-services',
      comment: 'Caches and counters serve the use cases; they call none.',
      severity: 'error',
      from: { path: '^src/runtime/' },
      to: { path: '^src/(services|http|cli|app\\.ts|server\\.ts)' },
    },
    {
      name: 'services-below-transports',
      comment: 'Services are called by HTTP and the CLI, never the other way round.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/(http|cli|app\\.ts|server\\.ts)' },
    },
    {
      name: 'routes-through-services',
      comment: 'Routes go through services; SQL lives in the store (its row and view types may be named).',
      severity: 'error',
      from: { path: '^src/(http|cli)/' },
      to: { path: '^src/store/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-hold-no-sql',
      comment: 'Statements belong to the repositories (src/store).',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^node_modules/kysely/' },
    },
    {
      name: 'web-and-sdk-speak-http',
      comment: 'The dashboard and the SDK reach Keyward only over HTTP.',
      severity: 'error',
      from: { path: '^(web|packages/sdk)/src/' },
      to: { path: '^src/' },
    },
    {
      name: 'no-cycles',
      comment: 'A cycle makes two modules one; split them or move what they share.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // swc reads the sources (TypeScript 7 has no compiler API for the cruiser to use); it
    // reads .ts, not .tsx, so the dashboard's components are left out and its api/, model/
    // and hooks/ are checked.
    exclude: { path: '(^|/)node_modules/|\\.test\\.ts$|/generated/|\\.tsx$' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'], conditionNames: ['@keyward/source', 'import', 'default'] },
  },
};

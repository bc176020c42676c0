import { describe, expect, it } from 'vitest';
import { boundedYoungGenerationArgv, SEMI_SPACE_MB } from './young-generation.ts';

const started = { execPath: '/usr/bin/node', execArgv: ['--conditions=@keyward/source'], argv: ['/usr/bin/node', '/srv/keyward/src/server.ts', 'serve', '--port', '8080'], env: {} };

describe('boundedYoungGenerationArgv', () => {
  it('runs the same script, arguments and Node options again, with the young generation bounded', () => {
    expect(boundedYoungGenerationArgv(started)).toEqual([
      '/usr/bin/node', `--max-semi-space-size=${SEMI_SPACE_MB}`, '--conditions=@keyward/source', '/srv/keyward/src/server.ts', 'serve', '--port', '8080',
    ]);
  });

  it('does nothing once bounded, by itself or by the operator (command line or NODE_OPTIONS)', () => {
    expect(boundedYoungGenerationArgv({ ...started, execArgv: [`--max-semi-space-size=${SEMI_SPACE_MB}`, ...started.execArgv] })).toBeUndefined();
    expect(boundedYoungGenerationArgv({ ...started, execArgv: ['--max-semi-space-size', '64'] })).toBeUndefined();
    expect(boundedYoungGenerationArgv({ ...started, env: { NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=4' } })).toBeUndefined();
  });

  it('is not fooled by a script argument of that name', () => {
    expect(boundedYoungGenerationArgv({ ...started, argv: [...started.argv, '--max-semi-space-size=4'] })).toHaveLength(started.argv.length + 3);
  });
});

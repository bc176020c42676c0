import { Type } from 'typebox';
import { firstRunInstruction } from '../../services/auth.ts';
import type { App } from '../app-types.ts';
import { Nullable } from '../schemas/common.ts';

/** GET /v1/auth/setup: whether Keyward still waits for its first admin (the sign-in page asks). */
export function registerAuthSetup(app: App): void {
  app.get('/v1/auth/setup', {
    config: { auth: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'First-run status',
      description: 'firstRun is true only while no user exists; instruction then says how to create the first admin.',
      response: {
        200: Type.Object({
          firstRun: Type.Boolean(),
          instruction: Nullable(Type.String()),
        }),
      },
    },
  }, async () => {
    const instruction = await firstRunInstruction(app.services);
    return { firstRun: instruction !== undefined, instruction: instruction ?? null };
  });
}

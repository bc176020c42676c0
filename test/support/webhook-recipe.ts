import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type VerifyKeywardSignature = (secret: string, header: unknown, rawBody: string, options?: { toleranceSeconds?: number; now?: number }) => boolean;

/**
 * The signature check exactly as README.md documents it (the block between the
 * `webhook-verify` markers), written to a module and imported: tests verify real deliveries
 * with what users copy, so the recipe cannot drift from the signing code.
 */
export async function readmeSignatureRecipe(): Promise<VerifyKeywardSignature> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /<!-- webhook-verify:begin -->\n```js\n([\s\S]*?)```\n<!-- webhook-verify:end -->/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no webhook-verify block');
  const file = join(mkdtempSync(join(tmpdir(), 'keyward-recipe-')), 'verify.mjs');
  writeFileSync(file, block);
  const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { verifyKeywardSignature: VerifyKeywardSignature };
  return module.verifyKeywardSignature;
}

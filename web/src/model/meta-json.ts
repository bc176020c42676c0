/**
 * Meta typed as JSON in a form: the free object a key or identity carries into every
 * verification answer. The server takes a JSON object of at most 4 KiB (serialised), so the
 * form says what is wrong before sending: unreadable JSON, not an object, too big.
 */

// The server's cap (src/services/key-settings.ts MAX_META_BYTES): meta travels on every answer.
export const MAX_META_BYTES = 4096;

export type MetaParse = { meta: Record<string, unknown>; error?: undefined } | { meta?: undefined; error: string };

/**
 * The meta a text holds: empty is `{}`; anything else must be a JSON object within the cap.
 *
 * @example parseMeta('{"plan": "pro"}') // { meta: { plan: 'pro' } }
 * @example parseMeta('[1]') // { error: 'Meta is a JSON object, e.g. {"plan": "pro"}, not an array' }
 */
export function parseMeta(text: string): MetaParse {
  if (!text.trim()) return { meta: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return { error: `Meta is a JSON object, e.g. {"plan": "pro"}, not ${kind}` };
  }
  const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
  if (bytes > MAX_META_BYTES) return { error: `At most ${MAX_META_BYTES.toLocaleString('en')} bytes of JSON (this is ${bytes.toLocaleString('en')})` };
  return { meta: value as Record<string, unknown> };
}

/** Meta as the form shows it: indented JSON, or empty for none. */
export function metaText(meta: Record<string, unknown>): string {
  return Object.keys(meta).length === 0 ? '' : JSON.stringify(meta, null, 2);
}

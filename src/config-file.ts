import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';

// The config file (`keyward serve --config keyward.toml`, or KEYWARD_CONFIG) holds the same
// settings as the environment under the same names; `config.ts` merges and checks them.

const FORMATS: Record<string, { name: string; parse: (text: string) => unknown }> = {
  '.toml': { name: 'TOML', parse: (text) => parseToml(text) },
  '.json': { name: 'JSON', parse: (text) => JSON.parse(text) },
};

/** Where a parse error is, without the parser's message: it quotes the line, which may hold a secret. */
function positionOf(error: unknown): string {
  if (error instanceof TomlError) return ` at line ${error.line}, column ${error.column}`;
  const match = /line (\d+) column (\d+)/.exec(error instanceof Error ? error.message : '');
  return match ? ` at line ${match[1]}, column ${match[2]}` : '';
}

/**
 * The settings a TOML or JSON config file holds (by its extension). A number or true/false
 * becomes the text it would be in the environment, so `PORT = 8080` and `PORT=8080` mean the
 * same and pass the same schema; lists, tables and dates stay as they are, for the schema to
 * refuse. A name not in `knownKeys` is a problem (a typo would otherwise be a setting silently
 * ignored), as are a file that cannot be read or parsed; problems are collected, not thrown.
 *
 * @example const values = readConfigFile('keyward.toml', new Set(['PORT']), problems)
 */
export function readConfigFile(path: string, knownKeys: ReadonlySet<string>, problems: string[]): Record<string, unknown> {
  const format = FORMATS[extname(path).toLowerCase()];
  if (format === undefined) {
    problems.push(`the config file must end in .toml or .json: ${path}`);
    return {};
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    problems.push(`the config file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${path}`);
    return {};
  }
  let document: unknown;
  try {
    document = format.parse(text);
  } catch (error) {
    problems.push(`the config file is not valid ${format.name}${positionOf(error)}: ${path}`);
    return {};
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    problems.push(`the config file must hold an object of settings: ${path}`);
    return {};
  }
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    if (!knownKeys.has(key)) problems.push(`unknown setting "${key.slice(0, 64)}" (in ${path})`);
    else values[key] = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  }
  return values;
}

import { Command, InvalidArgumentError, Option } from 'commander';
import { createKeywardClient, type KeywardClient, type Page } from '@keyward/sdk';
import { MissingTokenError, UsageError } from './exit-codes.ts';
import type { CliIo } from './io.ts';

/** Where the remote commands find Keyward when neither --url nor KEYWARD_URL says. */
export const DEFAULT_URL = 'http://127.0.0.1:8080';

/** The options every command that talks to a running Keyward takes. */
export type RemoteOptions = { url?: string; token?: string; json?: boolean };
const REMOTE_OPTION_NAMES = ['url', 'token', 'json'];

/**
 * A remote command: `--url`, `--token` and `--json` on top of its own options. The flags win
 * over KEYWARD_URL and KEYWARD_TOKEN; prefer the variable for the token, since a flag is seen by
 * anyone who can list processes.
 */
export function remoteCommand(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .addOption(new Option('--url <url>', `Keyward's address (default: KEYWARD_URL, else ${DEFAULT_URL})`))
    .addOption(new Option('--token <token>', 'management key (default: KEYWARD_TOKEN)'))
    .option('--json', 'print JSON for scripts instead of a table');
}

/**
 * Refuses an update command given none of its own settings (the remote options change
 * nothing), naming the settings it takes.
 */
export function requireChanges(body: object, command: Command): void {
  if (Object.keys(body).length > 0) return;
  const settings = command.options.filter((option) => !REMOTE_OPTION_NAMES.includes(option.attributeName())).map((option) => option.long);
  throw new UsageError(`nothing to change: give at least one of ${settings.join(', ')}`);
}

/**
 * The SDK client for a remote command's options. Management commands need a token; `verify`
 * does not (unless the server runs with KEYWARD_VERIFY_AUTH=required).
 */
export function clientFor(io: CliIo, options: RemoteOptions, needsToken = true): KeywardClient {
  const baseUrl = options.url ?? io.env.KEYWARD_URL ?? DEFAULT_URL;
  const token = options.token ?? io.env.KEYWARD_TOKEN;
  if (needsToken && !token) throw new MissingTokenError('no management key: set KEYWARD_TOKEN or pass --token');
  if (!/^https?:\/\/[^/]/.test(baseUrl)) throw new UsageError(`--url must be an http(s) address, got "${baseUrl}"`);
  return createKeywardClient({ baseUrl, ...(token ? { token } : {}) });
}

/** Options shared by the list commands: one page by default, every page with --all. */
export function addPaging(command: Command): Command {
  return command
    .option('--limit <n>', 'rows per page (1-100)', (text) => {
      const limit = Number(text);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new InvalidArgumentError('must be a whole number from 1 to 100');
      return limit;
    })
    .option('--cursor <cursor>', 'the page after this cursor (printed under a table)')
    .option('--all', 'every page, not only the first');
}

/**
 * One page, or with `all` every item as one page (so `--json` has the same shape either way).
 *
 * @example await pageOf(options, { projectId }, (query) => keyward.keys.list(query))
 */
export async function pageOf<Query extends object, Item>(
  options: { limit?: number; cursor?: string; all?: boolean },
  query: Query,
  list: (query: Query & { limit?: number; cursor?: string }) => Promise<Page<Item>>,
): Promise<Page<Item>> {
  const first = await list({ ...query, ...(options.limit ? { limit: options.limit } : {}), ...(options.cursor ? { cursor: options.cursor } : {}) });
  if (!options.all) return first;
  const items = [...first.items];
  let cursor = first.nextCursor;
  while (cursor) {
    const next = await list({ ...query, limit: options.limit ?? 100, cursor });
    items.push(...next.items);
    cursor = next.nextCursor;
  }
  return { items, nextCursor: null, total: first.total };
}

/** Collects a repeatable option (`--group a --group b`) into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

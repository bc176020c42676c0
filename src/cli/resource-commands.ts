import type { Command } from 'commander';
import type { KeywardClient, Page } from '@keyward/sdk';
import { emit, type CliIo } from './io.ts';
import { addPaging, clientFor, pageOf, remoteCommand, type RemoteOptions } from './remote.ts';
import type { Column } from './table.ts';
import { pageTable } from './views.ts';

/** The options addPaging adds. */
export type PagingOptions = { limit?: number; cursor?: string; all?: boolean };

/** `--search <text>` as a list query (`q`), for the lists that take one. */
export const searchQuery = (options: { search?: string }) => (options.search ? { q: options.search } : {});

/**
 * `keyward <resource> list`: one page (every page with --all), as a table for people or JSON
 * for scripts, counting `noun` (the resource's name unless said). The caller adds the command's
 * own filters as options; `query` turns them into the list's query.
 *
 * @example addListCommand(users, io, { description: 'list users', columns: userColumns, query: searchQuery, list: (keyward, q) => keyward.users.list(q) })
 */
export function addListCommand<Filters extends object, Query extends object, Row>(
  parent: Command,
  io: CliIo,
  spec: { description: string; noun?: string; columns: Column<Row>[]; query: (options: Filters) => Query; list: (keyward: KeywardClient, query: Query & { limit?: number; cursor?: string }) => Promise<Page<Row>> },
): Command {
  return addPaging(remoteCommand(parent, 'list', spec.description)).action(async (options: RemoteOptions & PagingOptions & Filters) => {
    const keyward = clientFor(io, options);
    const page = await pageOf(options, spec.query(options), (q) => spec.list(keyward, q));
    emit(io, options.json, page, () => pageTable(page, spec.columns, spec.noun ?? parent.name(), `keyward ${parent.name()} list`));
  });
}

/** `keyward <resource> show <id>`: one item's details, or its JSON. */
export function addShowCommand<Item>(
  parent: Command,
  io: CliIo,
  spec: { noun: string; idPrefix: string; get: (keyward: KeywardClient, id: string) => Promise<Item>; details: (item: Item) => string },
): Command {
  return remoteCommand(parent, 'show', `show one ${spec.noun}`)
    .argument('<id>', `the ${spec.noun} id (${spec.idPrefix}_…)`)
    .action(async (id: string, options: RemoteOptions) => {
      const item = await spec.get(clientFor(io, options), id);
      emit(io, options.json, item, () => spec.details(item));
    });
}

/**
 * `keyward <resource> delete <id>`, with `--force` (described by `force`) where the server
 * refuses to delete what other things still point at unless told to delete those too.
 */
export function addDeleteCommand(
  parent: Command,
  io: CliIo,
  spec: { noun: string; idPrefix: string; description: string; force?: string; remove: (keyward: KeywardClient, id: string, force: boolean) => Promise<unknown> },
): Command {
  const command = remoteCommand(parent, 'delete', spec.description).argument('<id>', `the ${spec.noun} id (${spec.idPrefix}_…)`);
  if (spec.force) command.option('--force', spec.force);
  return command.action(async (id: string, options: RemoteOptions & { force?: boolean }) => {
    await spec.remove(clientFor(io, options), id, options.force === true);
    emit(io, options.json, { id, deleted: true }, () => `Deleted ${spec.noun} ${id}.`);
  });
}

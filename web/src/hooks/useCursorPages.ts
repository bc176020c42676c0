import type { Page } from '@keyward/sdk';
import { useState } from 'react';
import type { PageAt } from '../api/query-keys.ts';
import type { PagingProps } from '../components/CursorPagination.tsx';
import type { Noun } from '../model/paging.ts';

/** What `pagingOf` reads of a page's query (TanStack Query's result). */
type PageQuery<Item> = { data?: PageAt<Item> | (Page<Item> & { cursor?: string }); isPlaceholderData: boolean };

/**
 * Previous/Next over the API's cursor pages. The cursors seen so far are kept so Previous
 * works; they start again whenever `resetKey` (the filters and page size) changes.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: resetKey, cursors: [undefined] });
  // Other filters mean other pages: forget the cursors (React re-renders at once with this).
  if (state.key !== resetKey) setState({ key: resetKey, cursors: [undefined] });
  const cursors = state.key === resetKey ? state.cursors : [undefined];
  const pageIndex = cursors.length - 1;
  /** Which page a page fetched at `cursor` is (the one shown while the next one loads). */
  const indexOf = (cursor: string | undefined) => Math.max(0, cursors.indexOf(cursor));
  const next = (nextCursor: string) => setState({ key: resetKey, cursors: [...cursors, nextCursor] });
  const previous = () => setState({ key: resetKey, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors });
  return {
    cursor: cursors[pageIndex],
    pageIndex,
    indexOf,
    next,
    previous,
    /** The pagination's props for a page query: while another page loads, the shown one keeps its numbers. */
    pagingOf<Item>(query: PageQuery<Item>, options: { limit: number; noun: Noun; onLimitChange?: (limit: number) => void }): PagingProps {
      const nextCursor = query.data?.nextCursor;
      return {
        pageIndex: query.data ? indexOf(query.data.cursor) : pageIndex,
        busy: query.isPlaceholderData,
        limit: options.limit,
        total: query.data?.total,
        totalCapped: query.data?.totalCapped,
        shown: query.data?.items.length ?? 0,
        hasNext: Boolean(nextCursor),
        onPrevious: previous,
        onNext: () => nextCursor && next(nextCursor),
        onLimitChange: options.onLimitChange,
        noun: options.noun,
      };
    },
  };
}

/** The page sizes every list offers (the API allows 1-100). */
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

/** What a list counts, singular and plural. */
export type Noun = { one: string; other: string };

/** "1 key", "60 keys". */
export function countOf(count: number, noun: Noun): string {
  return `${count.toLocaleString('en')} ${count === 1 ? noun.one : noun.other}`;
}

/**
 * "21–40 of 60 keys · Page 2 of 3": where a page sits in a list longer than one page. A search
 * that matched more than the server counts (`totalCapped`) reads "of 1,000+ keys · Page 2".
 */
export function pageSummary(page: { pageIndex: number; limit: number; shown: number; total?: number; totalCapped?: boolean; noun: Noun }): string {
  const total = page.total ?? 0;
  const first = total === 0 ? 0 : page.pageIndex * page.limit + 1;
  const last = page.pageIndex * page.limit + page.shown;
  if (page.totalCapped) return `${first}–${last} of ${total.toLocaleString('en')}+ ${page.noun.other} · Page ${page.pageIndex + 1}`;
  const pages = Math.max(1, Math.ceil(total / page.limit));
  return `${first}–${last} of ${countOf(total, page.noun)} · Page ${page.pageIndex + 1} of ${pages}`;
}

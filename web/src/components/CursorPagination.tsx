import { Button, Group, Select, Text } from '@mantine/core';
import { countOf, PAGE_SIZES, pageSummary, type Noun } from '../model/paging.ts';

export type PagingProps = {
  /** Which page (0-based) of `limit` items is shown. */
  pageIndex: number;
  /** Another page is loading (the shown one stays until it arrives). */
  busy?: boolean;
  limit: number;
  /** Undefined while the first page loads. */
  total: number | undefined;
  /** A search matched more than the server counts: `total` is a lower bound. */
  totalCapped?: boolean;
  shown: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onLimitChange?: (limit: number) => void;
  /** What is counted, singular and plural ("key", "keys"). */
  noun: Noun;
};

/** Previous/Next over cursor pages, the range and total shown, and the per-page selector. */
export function CursorPagination(props: PagingProps) {
  const onePage = props.total !== undefined && props.pageIndex === 0 && !props.hasNext;
  return (
    <Group justify="space-between" mt="md" gap="sm" aria-label="Pagination" role="navigation">
      <Text size="sm" aria-live="polite">
        {props.total === undefined ? 'Loading…' : onePage ? countOf(props.total, props.noun) : pageSummary(props)}
      </Text>
      <Group gap="xs">
        {props.onLimitChange && (
          <Select
            aria-label="Per page"
            w={150}
            size="sm"
            allowDeselect={false}
            value={String(props.limit)}
            data={PAGE_SIZES.map((size) => ({ value: String(size), label: `${size} per page` }))}
            onChange={(value) => value && props.onLimitChange?.(Number(value))}
          />
        )}
        {!onePage && (
          <>
            <Button variant="default" size="sm" disabled={props.pageIndex === 0 || props.busy} onClick={props.onPrevious}>
              Previous
            </Button>
            <Button variant="default" size="sm" disabled={!props.hasNext || props.busy} onClick={props.onNext}>
              Next
            </Button>
          </>
        )}
      </Group>
    </Group>
  );
}

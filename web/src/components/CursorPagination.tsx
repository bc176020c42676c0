import { Button, Group, Select, Text } from '@mantine/core';
import { PAGE_SIZES } from '../model/paging.ts';

type Props = {
  /** Which page (0-based) of `limit` items is shown. */
  pageIndex: number;
  /** Another page is loading (the shown one stays until it arrives). */
  busy?: boolean;
  limit: number;
  /** Undefined while the first page loads. */
  total: number | undefined;
  shown: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onLimitChange?: (limit: number) => void;
  /** What is counted ("keys", "users"), for the total. */
  noun: string;
};

/** Previous/Next over cursor pages, the range and total shown, and the per-page selector. */
export function CursorPagination(props: Props) {
  const total = props.total ?? 0;
  const first = total === 0 ? 0 : props.pageIndex * props.limit + 1;
  const last = props.pageIndex * props.limit + props.shown;
  const pages = Math.max(1, Math.ceil(total / props.limit));
  return (
    <Group justify="space-between" mt="md" gap="sm" aria-label="Pagination" role="navigation">
      <Text size="sm" aria-live="polite">
        {props.total === undefined
          ? 'Loading…'
          : `${total === 0 ? `0 ${props.noun}` : `${first}–${last} of ${total} ${props.noun}`} · Page ${props.pageIndex + 1} of ${pages}`}
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
        <Button variant="default" size="sm" disabled={props.pageIndex === 0 || props.busy} onClick={props.onPrevious}>
          Previous
        </Button>
        <Button variant="default" size="sm" disabled={!props.hasNext || props.busy} onClick={props.onNext}>
          Next
        </Button>
      </Group>
    </Group>
  );
}

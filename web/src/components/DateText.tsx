import { Text, Tooltip } from '@mantine/core';
import { exactTime, formatDate, formatDateTime, timeAgo } from '../model/format.ts';

type Props = {
  /** An ISO time, or null for `none`. */
  iso: string | null;
  /** `date` (YYYY-MM-DD), `dateTime` (YYYY-MM-DD HH:mm) or `ago` ("5 min ago"). */
  show: 'date' | 'dateTime' | 'ago';
  /** What null means here ("Never"). */
  none?: string;
};

/** A time as short as a table needs, with the exact time (local and UTC) in a tooltip. */
export function DateText({ iso, show, none = 'Never' }: Props) {
  if (!iso) return <Text span size="sm" c="dimmed">{none}</Text>;
  const text = show === 'date' ? formatDate(iso) : show === 'ago' ? timeAgo(iso, Date.now()) : formatDateTime(iso);
  return (
    <Tooltip label={exactTime(iso)}>
      <time dateTime={iso} style={{ whiteSpace: 'nowrap' }}>{text}</time>
    </Tooltip>
  );
}

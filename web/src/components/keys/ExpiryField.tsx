import { Button, Group, Stack } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import dayjs from 'dayjs';
import { timeZoneLabel } from '../../model/format.ts';
import { EXPIRY_PRESETS_DAYS, PICKER_FORMAT } from '../../model/key-form.ts';

type Props = {
  /** The picker's local time (`YYYY-MM-DD HH:mm:ss`), or null for never. */
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
};

// Names for the calendar's arrows, which Mantine leaves as bare icons. (The month and year
// controls are named by their text, "December 2026".)
const CALENDAR_LABELS = {
  nextMonth: 'Next month',
  previousMonth: 'Previous month',
  nextYear: 'Next year',
  previousYear: 'Previous year',
  nextDecade: 'Next decade',
  previousDecade: 'Previous decade',
};

/**
 * When the key stops working: a date and time in the browser's time zone (named under the
 * field), or presets a click away (7, 30, 90 days from now), or never.
 */
export function ExpiryField({ value, onChange, error }: Props) {
  const inDays = (days: number) => dayjs().add(days, 'day').second(0).format(PICKER_FORMAT);
  return (
    <Stack gap={6}>
      <DateTimePicker
        label="Expires"
        description={`Leave empty for a key that never expires. Times are in ${timeZoneLabel(Date.now())}.`}
        placeholder="Never"
        value={value}
        onChange={(next) => onChange(next || null)}
        clearable
        clearButtonProps={{ 'aria-label': 'Never expires (clear the date)' }}
        minDate={new Date()}
        valueFormat="YYYY-MM-DD HH:mm"
        error={error}
        // No dialog role: Mantine labels that dialog by an id the field does not carry (the field
        // keeps its own id, for its label), so it would be a dialog without a name.
        popoverProps={{ withinPortal: true, withRoles: false }}
        ariaLabels={CALENDAR_LABELS}
        // Mantine draws other months' days and weekends in light grey and light red, below 4.5:1.
        hideOutsideDates
        weekendDays={[]}
        submitButtonProps={{ 'aria-label': 'Set this expiry' }}
        timePickerProps={{ hoursInputLabel: 'Hours', minutesInputLabel: 'Minutes' }}
        // "Never" is the value people read here, so it gets text contrast, not placeholder grey.
        styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
      />
      <Group gap={6} role="group" aria-label="Expiry presets">
        {EXPIRY_PRESETS_DAYS.map((days) => (
          <Button key={days} size="compact-xs" variant="default" onClick={() => onChange(inDays(days))}>
            In {days} days
          </Button>
        ))}
        <Button size="compact-xs" variant="default" onClick={() => onChange(null)}>Never</Button>
      </Group>
    </Stack>
  );
}

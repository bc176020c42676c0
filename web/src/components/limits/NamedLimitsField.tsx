import { ActionIcon, Button, Checkbox, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { MAX_NAMED_LIMITS, newLimitRow, type NamedLimitRow } from '../../model/named-limits.ts';
import { CountInput } from './CountInput.tsx';

const MONOSPACE_INPUT = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

type Props<Values extends { ratelimits: NamedLimitRow[] }> = {
  form: UseFormReturnType<Values>;
  /** What the limits are of, in the explanation ("this key", "this identity's keys"). */
  description: string;
  /** Rows allowed (fewer when the form holds another limit elsewhere). */
  room?: number;
};

/**
 * Named rate limits as rows (name, verifications allowed, window, every verification or only
 * those naming it), added and removed freely; each row's errors beside its fields.
 */
export function NamedLimitsField<Values extends { ratelimits: NamedLimitRow[] }>({ form, description, room = MAX_NAMED_LIMITS }: Props<Values>) {
  const rows = form.values.ratelimits;
  const listError = (form.errors as Record<string, unknown>).ratelimits;
  return (
    <Fieldset legend="Named rate limits" variant="filled">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{description}</Text>
        {rows.map((row, index) => {
          const label = `Limit ${index + 1}`;
          return (
            <Fieldset key={index} legend={row.name ? `${label}: ${row.name}` : label} variant="default" p="xs">
              <Group align="flex-start" gap="sm" wrap="wrap">
                <TextInput
                  label="Limit name"
                  placeholder="requests"
                  autoComplete="off"
                  {...form.getInputProps(`ratelimits.${index}.name`)}
                  miw={140}
                  style={{ flex: '1 1 140px' }}
                  styles={MONOSPACE_INPUT}
                />
                <CountInput label="Allowed" description="Verifications (or cost) per window" min={1} {...form.getInputProps(`ratelimits.${index}.limit`)} miw={140} style={{ flex: '1 1 140px' }} />
                <CountInput label="Window (seconds)" description="It slides: any span this long" min={1} {...form.getInputProps(`ratelimits.${index}.windowSeconds`)} miw={140} style={{ flex: '1 1 140px' }} grouped={false} />
              </Group>
              <Group justify="space-between" mt="xs" gap="sm" wrap="nowrap">
                <Checkbox
                  label="Every verification"
                  description="Else only verifications that name it"
                  {...form.getInputProps(`ratelimits.${index}.autoApply`, { type: 'checkbox' })}
                />
                <ActionIcon variant="subtle" color="red" aria-label={`Remove ${row.name ? `limit ${row.name}` : label.toLowerCase()}`} onClick={() => form.removeListItem('ratelimits', index)}>
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            </Fieldset>
          );
        })}
        {typeof listError === 'string' && <Text size="sm" c="red" role="alert">{listError}</Text>}
        <Group>
          {/* `as never`: TypeScript does not resolve a generic form's list element type. */}
          <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem('ratelimits', newLimitRow() as never)} disabled={rows.length >= room}>
            Add limit
          </Button>
          {rows.length >= room && <Text size="xs" c="dimmed">At most {MAX_NAMED_LIMITS} limits.</Text>}
        </Group>
      </Stack>
    </Fieldset>
  );
}

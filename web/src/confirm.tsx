import { Checkbox, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { ReactNode } from 'react';

/**
 * Asks before a destructive action; `onConfirm` runs only on the red button. Cancel has the
 * focus first, so Enter on an accidental open does nothing harmful.
 */
export function confirmDestructive(options: { title: string; message: ReactNode; confirmLabel: string; onConfirm: () => void }): void {
  modals.openConfirmModal({
    title: options.title,
    children: typeof options.message === 'string' ? <Text size="sm">{options.message}</Text> : options.message,
    labels: { confirm: options.confirmLabel, cancel: 'Cancel' },
    confirmProps: { color: 'red.9' },
    cancelProps: { 'data-autofocus': true } as never,
    onConfirm: options.onConfirm,
  });
}

/**
 * Asks before deleting something other things may still belong to: `question` (it cannot be
 * undone), and a checkbox, `forceLabel`, to delete those too; `onConfirm` learns whether it
 * was ticked.
 */
export function confirmDeleteWithForce(options: { title: string; question: ReactNode; forceLabel: string; confirmLabel: string; onConfirm: (force: boolean) => void }): void {
  let force = false;
  confirmDestructive({
    title: options.title,
    message: (
      <Stack gap="sm">
        <Text size="sm">{options.question}</Text>
        <Checkbox label={options.forceLabel} onChange={(event) => (force = event.currentTarget.checked)} />
      </Stack>
    ),
    confirmLabel: options.confirmLabel,
    onConfirm: () => options.onConfirm(force),
  });
}

/** Asks before closing a dialog whose form holds changes (Escape, the close button, a click outside). */
export function confirmDiscard(discard: () => void): void {
  modals.openConfirmModal({
    title: 'Discard your changes?',
    children: <Text size="sm">What you typed in this dialog is not saved.</Text>,
    labels: { confirm: 'Discard', cancel: 'Keep editing' },
    confirmProps: { color: 'red.9' },
    cancelProps: { 'data-autofocus': true } as never,
    onConfirm: discard,
  });
}

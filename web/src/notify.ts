import { notifications } from '@mantine/notifications';

// Open dialogs: while one is, a refusal is said inside it (FormError, the field's error), and
// a notification on top would cover the dialog's buttons.
let openDialogs = 0;

export function dialogOpened(): void {
  openDialogs += 1;
}

export function dialogClosed(): void {
  openDialogs = Math.max(0, openDialogs - 1);
}

/**
 * Tells the person that something was refused, in the server's words (its problem `detail`),
 * unless a dialog is open: the dialog shows it itself.
 */
export function notifyFailure(title: string, error: unknown): void {
  if (openDialogs > 0) return;
  notifications.show({
    color: 'red',
    title,
    message: error instanceof Error ? error.message : String(error),
    autoClose: 10_000,
  });
}

/** Confirms that a change went through. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4000 });
}

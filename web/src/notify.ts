import { notifications } from '@mantine/notifications';

/** Tells the person that something was refused, in the server's words (its problem `detail`). */
export function notifyFailure(title: string, error: unknown): void {
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

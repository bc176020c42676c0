import { Button, Group, Stack, type ModalProps } from '@mantine/core';
import type { FormEvent, ReactNode, RefObject } from 'react';
import { Dialog } from './Dialog.tsx';
import { FormError } from './FormError.tsx';

type Props = {
  title: string;
  size?: ModalProps['size'];
  onClose: () => void;
  /** The form holds changes (closing asks first). */
  dirty: boolean;
  /** From useDialogForm. */
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  formError: unknown;
  /** FormError's title ("Not saved" unless said). */
  errorTitle?: string;
  submitLabel: string;
  /** The request is on its way: the submit button spins. */
  pending: boolean;
  /** More buttons, between Cancel and the submit button. */
  actions?: ReactNode;
  children: ReactNode;
};

/**
 * A dialog that is one form (useDialogForm's): a refusal that names no field at the top, the
 * fields, and Cancel beside the submit button at the bottom right.
 */
export function FormDialog({ title, size, onClose, dirty, formRef, onSubmit, formError, errorTitle, submitLabel, pending, actions, children }: Props) {
  return (
    <Dialog onClose={onClose} dirty={dirty} title={title} size={size}>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <FormError error={formError} title={errorTitle} />
          {children}
          <Group justify="flex-end" mt="md" gap="xs">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            {actions}
            <Button type="submit" loading={pending}>{submitLabel}</Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

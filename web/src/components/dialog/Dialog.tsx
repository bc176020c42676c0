import { Modal, type ModalProps } from '@mantine/core';
import { useEffect, type KeyboardEvent } from 'react';
import { confirmDiscard } from '../../confirm.tsx';
import { dialogClosed, dialogOpened } from '../../notify.ts';

type Props = Omit<ModalProps, 'opened' | 'onClose'> & {
  onClose: () => void;
  /** The form inside holds changes: Escape, the close button or a click outside ask first. */
  dirty?: boolean;
};

/**
 * Every dialog of the console: a Mantine modal that asks before throwing away typed changes,
 * and while it is open, failures are said inside it rather than in notifications on top of it
 * (notify.ts).
 *
 * Escape is handled here, by the dialog that has the focus: Mantine's own listener is on the
 * window, so one Escape closed every open dialog, the one behind a dialog opened from it
 * (create a project from the key dialog, "Discard your changes?") included.
 */
export function Dialog({ onClose, dirty = false, closeOnEscape = true, children, ...modal }: Props) {
  useEffect(() => {
    dialogOpened();
    return dialogClosed;
  }, []);
  const requestClose = () => (dirty ? confirmDiscard(onClose) : onClose());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape' || event.nativeEvent.isComposing) return;
    // An open dropdown (a select's options) takes the Escape for itself.
    if ((event.target as HTMLElement).getAttribute('data-mantine-stop-propagation') === 'true') return;
    // A dialog opened from this one is a child in React's tree: its Escape is not ours too.
    event.stopPropagation();
    if (closeOnEscape) requestClose();
  };
  return (
    <Modal opened onClose={requestClose} closeOnEscape={false} onKeyDown={onKeyDown} {...modal}>
      {children}
    </Modal>
  );
}

import { ActionIcon, Menu } from '@mantine/core';
import { IconDots, IconPencil, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** One thing a row lets you do (edit, delete…); `danger` ones are red and come last. */
export type RowAction = { label: string; icon?: ReactNode; onClick: () => void; danger?: boolean; disabled?: boolean };

/** The row action that opens the row's edit dialog. */
export const editAction = (onClick: () => void): RowAction => ({ label: 'Edit', icon: <IconPencil size={16} aria-hidden />, onClick });

/** The row action that asks before deleting the row (red, last). */
export const deleteAction = (onClick: () => void): RowAction => ({ label: 'Delete', icon: <IconTrash size={16} aria-hidden />, onClick, danger: true });

/**
 * A row's actions behind one small button ("Actions for <name>"): a column of icons took a
 * fifth of the keys table's width at 1280 px and covered the row on a phone.
 */
export function RowActionsMenu({ name, actions }: { name: string; actions: RowAction[] }) {
  if (actions.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${name}`}>
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {actions.map((action) => (
          <Menu.Item key={action.label} leftSection={action.icon} color={action.danger ? 'var(--mantine-color-error)' : undefined} disabled={action.disabled} onClick={action.onClick}>
            {action.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

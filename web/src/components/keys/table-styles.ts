import type { CSSProperties } from 'react';

/**
 * The keys table is wider than a laptop's content area; its Actions column stays in view at
 * the right edge while the other columns scroll under it.
 */
export const stickyActionsCell: CSSProperties = {
  position: 'sticky',
  right: 0,
  background: 'var(--mantine-color-body)',
  boxShadow: 'inset 1px 0 0 var(--mantine-color-default-border)',
  zIndex: 1,
};

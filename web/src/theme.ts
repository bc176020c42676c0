import { createTheme, Modal, Notification, type CSSVariablesResolver } from '@mantine/core';

/** Keyward's look: Mantine's defaults with indigo, and shades dark enough for WCAG AA text contrast. */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  // Dialogs and menus appear without animation for people who ask their system for less motion.
  respectReducedMotion: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  components: {
    // Mantine's close buttons are icons; screen readers need their names.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } } }),
  },
});

/**
 * Mantine's default dimmed grey is below 4.5:1 on white; these keep secondary text readable, and
 * give the key status words a shade that reads on each theme.
 */
export const cssVariablesResolver: CSSVariablesResolver = (mantine) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': mantine.colors.gray[7],
    '--keyward-status-active': mantine.colors.teal[9],
    '--keyward-status-expired': mantine.colors.orange[9],
  },
  dark: {
    '--mantine-color-dimmed': mantine.colors.dark[1],
    '--keyward-status-active': mantine.colors.teal[4],
    '--keyward-status-expired': mantine.colors.orange[4],
  },
});

import { Alert, Code, createTheme, Modal, NavLink, Notification, type CSSVariablesResolver } from '@mantine/core';

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
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
      // The message is what matters (the server's words); Mantine's grey for it is too faint.
      styles: { description: { color: 'var(--mantine-color-text)' } },
    }),
    // Coloured titles on tinted backgrounds fall below 4.5:1; the icon and border carry the colour.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
    // Inline code is no scroll box (Mantine gives every Code `overflow: auto`): in a flex row a
    // sub-pixel overflow made one, a scrollable region nothing in it can focus (axe).
    Code: Code.extend({ styles: (_theme, props) => ({ root: props.block ? {} : { overflow: 'visible' } }) }),
    // The active page's link, filled: the light variant's text lacks contrast under the pointer.
    NavLink: NavLink.extend({ defaultProps: { variant: 'filled' } }),
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
    '--mantine-color-error': mantine.colors.red[9],
    // Outlined red/teal buttons (Deactivate, Activate) at 12px need the darkest shades on white.
    '--mantine-color-red-outline': mantine.colors.red[9],
    '--mantine-color-teal-outline': mantine.colors.teal[9],
    '--keyward-status-active': mantine.colors.teal[9],
    '--keyward-status-expired': mantine.colors.orange[9],
    // Bars with the text colour on them (the usage page's top keys).
    '--keyward-bar': mantine.colors.teal[1],
  },
  dark: {
    '--mantine-color-dimmed': mantine.colors.dark[1],
    '--mantine-color-error': mantine.colors.red[4],
    '--keyward-status-active': mantine.colors.teal[4],
    '--keyward-status-expired': mantine.colors.orange[4],
    '--keyward-bar': mantine.colors.dark[4],
  },
});

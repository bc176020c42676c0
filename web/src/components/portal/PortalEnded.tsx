import { Button, Text } from '@mantine/core';
import type { PortalScope } from '@keyward/sdk';
import { IconClockOff, IconDoorExit, IconLinkOff, IconPlugConnectedX } from '@tabler/icons-react';
import { Link } from 'react-router';
import { returnLink } from '../../model/portal-return-link.ts';
import { PORTAL_PATHS } from '../../paths.ts';
import { PortalLayout } from './PortalLayout.tsx';
import { PortalNotice } from './PortalNotice.tsx';

/**
 * Why the portal shows no keys: the session expired (or there never was one in this browser),
 * the customer signed out, the server refused the link (used, expired, not valid), or the keys
 * could not be loaded.
 */
export type PortalEndReason = 'expired' | 'signed-out' | 'PORTAL_LINK_USED' | 'PORTAL_LINK_EXPIRED' | 'invalid' | 'unavailable';

type Props = {
  reason: PortalEndReason;
  /** The session this page had, or the one this browser still has: names the application to go back to. */
  scope: PortalScope | undefined;
  /** This browser still has a live portal session (a used link opened again): its keys are a click away. */
  stillOpen?: boolean;
  onRetry?: () => void;
};

const ICONS = { expired: IconClockOff, 'signed-out': IconDoorExit, PORTAL_LINK_USED: IconLinkOff, PORTAL_LINK_EXPIRED: IconClockOff, invalid: IconLinkOff, unavailable: IconPlugConnectedX };

const TITLES: Record<PortalEndReason, string> = {
  expired: 'This link has expired',
  'signed-out': 'You have signed out',
  PORTAL_LINK_USED: 'This link was already used',
  PORTAL_LINK_EXPIRED: 'This link has expired',
  invalid: 'This link is not valid',
  unavailable: 'Your keys could not be loaded',
};

/** No sign-in form: the customer gets a new link from the application she uses, never a password here. */
export function PortalEnded({ reason, scope, stillOpen = false, onRetry }: Props) {
  const back = returnLink(scope);
  const app = back?.host ?? 'the application that sent you here';
  const Icon = ICONS[reason];
  const explanation = {
    expired: <>Ask {app} for a new one: a link to this page works once, for a short time.</>,
    'signed-out': <>To manage your keys again, ask {app} for a new link.</>,
    PORTAL_LINK_USED: <>A link to this page works once. Ask {app} for a new one.</>,
    PORTAL_LINK_EXPIRED: <>A link to this page works for a short time only. Ask {app} for a new one.</>,
    invalid: <>Check that you opened the whole link, or ask {app} for a new one.</>,
    unavailable: <>Keyward did not answer as expected. Try again in a moment.</>,
  }[reason];
  return (
    <PortalLayout back={back}>
      <PortalNotice
        icon={<Icon size={28} />}
        title={TITLES[reason]}
        actions={
          <>
            {stillOpen && <Button component={Link} to={PORTAL_PATHS.home}>Open your keys</Button>}
            {onRetry && <Button onClick={onRetry}>Try again</Button>}
          </>
        }
      >
        <Text>{explanation}</Text>
        {stillOpen && <Text mt="xs">Your keys are still open in this browser.</Text>}
      </PortalNotice>
    </PortalLayout>
  );
}

import type { Key } from '@keyward/sdk';
import { useUpdatePortalKey } from '../../api/queries/portal.ts';
import { notifySuccess } from '../../notify.ts';
import { KeyStatusToggle } from '../keys/KeyStatusToggle.tsx';

/** A key's status in the portal, and the switch that deactivates or re-activates it at once. */
export function PortalKeyStatus({ apiKey: key }: { apiKey: Key }) {
  const update = useUpdatePortalKey();
  const name = key.name || 'Unnamed key';
  // While the change is on its way, the switch shows where it is going.
  const enabled = update.isPending && update.variables?.body.enabled !== undefined ? update.variables.body.enabled : key.enabled;
  const setEnabled = (next: boolean) =>
    update.mutate({ id: key.id, body: { enabled: next } }, { onSuccess: () => notifySuccess(`${name} is now ${next ? 'active' : 'inactive'}.`) });
  return <KeyStatusToggle apiKey={key} enabled={enabled} disabled={update.isPending} onChange={setEnabled} />;
}

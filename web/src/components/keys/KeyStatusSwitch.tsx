import type { Key } from '@keyward/sdk';
import { useUpdateKey } from '../../api/queries/keys.ts';
import { notifySuccess } from '../../notify.ts';
import { KeyStatusToggle } from './KeyStatusToggle.tsx';

/** A key's status, and the switch that activates or deactivates it at once. */
export function KeyStatusSwitch({ apiKey: key, canWrite }: { apiKey: Key; canWrite: boolean }) {
  const update = useUpdateKey();
  const name = key.name || 'Unnamed key';
  // While the change is on its way, the switch shows where it is going.
  const enabled = update.isPending && update.variables?.body.enabled !== undefined ? update.variables.body.enabled : key.enabled;
  const setEnabled = (next: boolean) =>
    update.mutate({ id: key.id, body: { enabled: next } }, { onSuccess: () => notifySuccess(`${name} is now ${next ? 'active' : 'inactive'}.`) });
  return <KeyStatusToggle apiKey={key} enabled={enabled} disabled={!canWrite || update.isPending} onChange={setEnabled} />;
}

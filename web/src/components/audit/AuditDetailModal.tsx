import { Code, Stack, Text } from '@mantine/core';
import type { AuditEvent } from '@keyward/sdk';
import { exactTime } from '../../model/format.ts';
import { Dialog } from '../dialog/Dialog.tsx';

/** One audit event in full: who, what, when, and the before/after it recorded. */
export function AuditDetailModal({ event, onClose }: { event: AuditEvent; onClose: () => void }) {
  return (
    <Dialog onClose={onClose} title={`Audit event: ${event.action}`} size="lg">
      <Stack gap="xs">
        <Text size="sm"><b>When:</b> {exactTime(event.at)}</Text>
        <Text size="sm"><b>Actor:</b> {event.actor.name} ({event.actor.type}{event.actor.id ? `, ${event.actor.id}` : ''})</Text>
        <Text size="sm"><b>Target:</b> {event.target.type}{event.target.id ? ` ${event.target.id}` : ''}</Text>
        <Code block style={{ maxHeight: 400, overflow: 'auto' }} tabIndex={0} aria-label="Event detail as JSON">
          {JSON.stringify(event.detail, null, 2)}
        </Code>
      </Stack>
    </Dialog>
  );
}

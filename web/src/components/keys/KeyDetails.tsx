import { Anchor, Badge, Code, Group, SimpleGrid, Text } from '@mantine/core';
import type { Key } from '@keyward/sdk';
import { Link } from 'react-router';
import { useSession } from '../../hooks/useSession.ts';
import { keyDisplay, STATUS_LABELS } from '../../model/format.ts';
import { quotaSummary } from '../../model/quota-form.ts';
import { identityPath } from '../../paths.ts';
import { DateText } from '../DateText.tsx';
import { Detail } from '../Detail.tsx';
import { NamedLimitList } from '../limits/NamedLimitList.tsx';

const none = (text = 'None') => <Text span size="sm" c="dimmed">{text}</Text>;

/** Every field of a key, as a description list (never its token: Keyward does not have it). */
export function KeyDetails({ apiKey: key, projectName }: { apiKey: Key; projectName: string }) {
  const session = useSession();
  const meta = Object.keys(key.meta).length > 0 ? JSON.stringify(key.meta) : '';
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm" m={0}>
      <Detail label="Key">{<Code>{keyDisplay(key)}</Code>}</Detail>
      <Detail label="Key id"><Code>{key.id}</Code></Detail>
      <Detail label="Status">{STATUS_LABELS[key.status]}{!key.enabled && key.status === 'expired' ? ' (and inactive)' : ''}</Detail>
      <Detail label="Project">{projectName}</Detail>
      <Detail label="Owner">{key.owner?.username ?? none()}</Detail>
      <Detail label="Identity">
        {!key.identity
          ? none()
          : session.can('identities.read')
            ? <Anchor component={Link} to={identityPath(key.identity.id)} size="sm">{key.identity.externalId}</Anchor>
            : key.identity.externalId}
      </Detail>
      <Detail label="Description">{key.description || none()}</Detail>
      <Detail label="Permission groups">
        {key.groups.length === 0 ? none() : <Group gap={4} component="span">{key.groups.map((group) => <Badge key={group.id} variant="default" size="sm" tt="none">{group.name}</Badge>)}</Group>}
      </Detail>
      <Detail label="Permissions">{key.permissions.length === 0 ? none() : <Code>{key.permissions.join(', ')}</Code>}</Detail>
      <Detail label="IP allowlist">{key.ipAllowlist.length === 0 ? none('Every address') : <Code>{key.ipAllowlist.join(', ')}</Code>}</Detail>
      <Detail label="Rate limits">{key.ratelimits.length === 0 ? none() : <NamedLimitList limits={key.ratelimits} />}</Detail>
      <Detail label="Quota">{quotaSummary(key) || none()}</Detail>
      <Detail label="Created"><DateText iso={key.createdAt} show="dateTime" />{key.createdBy ? ` by ${key.createdBy.username}` : ' by the system'}</Detail>
      <Detail label="Last used"><DateText iso={key.lastUsedAt} show="dateTime" /></Detail>
      <Detail label="Expires"><DateText iso={key.expiresAt} show="dateTime" /></Detail>
      <Detail label="Meta">{meta ? <Code>{meta}</Code> : none()}</Detail>
    </SimpleGrid>
  );
}

import { Code, SimpleGrid, Text } from '@mantine/core';
import type { Identity } from '@keyward/sdk';
import { quotaSummary } from '../../model/quota-form.ts';
import { DateText } from '../DateText.tsx';
import { Detail } from '../Detail.tsx';
import { NamedLimitList } from '../limits/NamedLimitList.tsx';

const none = (text = 'None') => <Text span size="sm" c="dimmed">{text}</Text>;

/** Every field of an identity, as a description list. */
export function IdentityDetails({ identity }: { identity: Identity }) {
  const meta = Object.keys(identity.meta).length > 0 ? JSON.stringify(identity.meta) : '';
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm" m={0}>
      <Detail label="External id"><Code>{identity.externalId}</Code></Detail>
      <Detail label="Identity id"><Code>{identity.id}</Code></Detail>
      <Detail label="Keys">{identity.keyCount.toLocaleString('en')}</Detail>
      <Detail label="Rate limits (shared by its keys)">{identity.ratelimits.length === 0 ? none() : <NamedLimitList limits={identity.ratelimits} />}</Detail>
      <Detail label="Quota (shared by its keys)">{quotaSummary(identity) || none()}</Detail>
      <Detail label="Meta">{meta ? <Code>{meta}</Code> : none()}</Detail>
      <Detail label="Created"><DateText iso={identity.createdAt} show="dateTime" /></Detail>
      <Detail label="Changed"><DateText iso={identity.updatedAt} show="dateTime" /></Detail>
    </SimpleGrid>
  );
}

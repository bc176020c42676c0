import { Badge, Group, Text } from '@mantine/core';
import type { KeyUsage } from '@keyward/sdk';

/** The tags a key's verifications carried over the period, with their counts; nothing without any. */
export function UsageTags({ tags }: { tags: KeyUsage['tags'] | undefined }) {
  if (!tags || tags.length === 0) return null;
  return (
    <Group gap={4}>
      <Text size="sm">Tags:</Text>
      {tags.map((tag) => (
        <Badge key={tag.tag} variant="default" size="sm" tt="none">{`${tag.tag} (${tag.count.toLocaleString('en')})`}</Badge>
      ))}
    </Group>
  );
}

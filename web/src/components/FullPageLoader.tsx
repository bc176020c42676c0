import { Center, Loader } from '@mantine/core';

/** A spinner in the middle of the window, named for screen readers: what is loading. */
export function FullPageLoader({ label }: { label: string }) {
  return (
    <Center h="100vh">
      <Loader aria-label={label} />
    </Center>
  );
}

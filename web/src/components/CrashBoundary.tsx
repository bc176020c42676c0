import { Alert, Button, Center, Code, Stack } from '@mantine/core';
import { Component, type ReactNode } from 'react';

type State = { error: Error | null };

/** If a page fails to render, says so and offers a reload, instead of leaving a blank window. */
export class CrashBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Center mih="100vh" p="md" component="main">
        <Alert color="red" title="The console stopped working" maw={520}>
          <Stack gap="sm">
            <span>Reloading usually helps. If it keeps happening, tell your Keyward administrator what you were doing.</span>
            <Code block>{this.state.error.message}</Code>
            <Button color="red.9" onClick={() => window.location.reload()} w="fit-content">Reload</Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
}

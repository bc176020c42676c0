import { Alert, Button, Center, Code, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { cleanNotifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useSetupStatus, useSignIn } from '../api/queries/session.ts';
import { ThemeToggle } from '../components/ThemeToggle.tsx';

/** Sign-in, with the first-run instruction while no user exists and the notice of an ended session. */
export function SignInPage({ notice }: { notice?: string }) {
  const setup = useSetupStatus();
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Refusals from before (a mistyped password) are over once the person is in.
    signIn.mutate({ username, password }, { onSuccess: () => cleanNotifications() });
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Stack w="100%" maw={420} gap="lg">
        <Stack gap={4} align="center">
          <Title order={1} size="h2">Keyward</Title>
          <Text c="dimmed">API key management</Text>
        </Stack>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={submit} aria-labelledby="sign-in-title">
            <Stack>
              <Title order={2} size="h3" id="sign-in-title">Sign in</Title>
              {notice && (
                <Alert color="yellow" title="Signed out" role="status">
                  {notice}
                </Alert>
              )}
              {setup.data?.firstRun && (
                <Alert color="blue" title="Welcome to Keyward" role="status">
                  <Text size="sm">{setup.data.instruction}</Text>
                  <Code block mt="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                    KEYWARD_ADMIN_USERNAME=admin KEYWARD_ADMIN_PASSWORD='…' npm start
                  </Code>
                </Alert>
              )}
              <TextInput label="Username" autoComplete="username" required autoFocus value={username} onChange={(event) => setUsername(event.currentTarget.value)} />
              <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.currentTarget.value)} />
              {signIn.isError && <Text c="var(--mantine-color-error)" size="sm">{signIn.error.message}</Text>}
              <Button type="submit" loading={signIn.isPending} fullWidth>
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
        <Center>
          <ThemeToggle />
        </Center>
      </Stack>
    </Center>
  );
}

import type { PasswordChange } from '@keyward/sdk';
import { useMutation } from '@tanstack/react-query';
import { keyward } from '../keyward.ts';

/** Changes your own password; the server ends your other sessions, this one stays. */
export function useChangePassword() {
  return useMutation({ mutationFn: (body: PasswordChange) => keyward.auth.changePassword(body), meta: { failure: 'Could not change your password', shownInForm: true } });
}

/** Signs out every other session of yours. */
export function useEndOtherSessions() {
  return useMutation({ mutationFn: () => keyward.auth.endOtherSessions(), meta: { failure: 'Could not sign out your other sessions' } });
}

import { useMe } from '../api/queries/session.ts';
import type { Me } from '@keyward/sdk';
import { can } from '../model/permissions.ts';

/** The signed-in person and what they may do; only used below the sign-in gate. */
export function useSession(): Me & { can: (permission: string) => boolean } {
  const me = useMe().data;
  if (!me) throw new Error('useSession is used outside the signed-in part of the dashboard');
  return { ...me, can: (permission) => can(me.permissions, permission) };
}

import type { App } from '../app-types.ts';
import { registerAuditList } from './audit.list.ts';
import { registerAuthLogin } from './auth.login.ts';
import { registerAuthLogout } from './auth.logout.ts';
import { registerAuthMe } from './auth.me.ts';
import { registerAuthOtherSessions } from './auth.other-sessions.ts';
import { registerAuthPassword } from './auth.password.ts';
import { registerAuthSetup } from './auth.setup.ts';
import { registerAuthorize } from './authorize.ts';
import { registerGroupsCreate } from './groups.create.ts';
import { registerGroupsDelete } from './groups.delete.ts';
import { registerGroupsGet } from './groups.get.ts';
import { registerGroupsList } from './groups.list.ts';
import { registerGroupsUpdate } from './groups.update.ts';
import { registerIdentitiesCreate } from './identities.create.ts';
import { registerIdentitiesDelete } from './identities.delete.ts';
import { registerIdentitiesGet } from './identities.get.ts';
import { registerIdentitiesList } from './identities.list.ts';
import { registerIdentitiesUpdate } from './identities.update.ts';
import { registerKeysCreate } from './keys.create.ts';
import { registerKeysDelete } from './keys.delete.ts';
import { registerKeysFind } from './keys.find.ts';
import { registerKeysGet } from './keys.get.ts';
import { registerKeysImport } from './keys.import.ts';
import { registerKeysLeaked } from './keys.leaked.ts';
import { registerKeysList } from './keys.list.ts';
import { registerKeysProjects } from './keys.projects.ts';
import { registerKeysUsage } from './usage.key.ts';
import { registerUsageOverview } from './usage.overview.ts';
import { registerKeysRegenerate } from './keys.regenerate.ts';
import { registerKeysUpdate } from './keys.update.ts';
import { registerKeysVerifications } from './keys.verifications.ts';
import { registerKeysVerify } from './keys.verify.ts';
import { registerPortalKeys } from './portal.keys.ts';
import { registerPortalLink } from './portal.link.ts';
import { registerPortalSession } from './portal.session.ts';
import { registerPortalSessionsCreate } from './portal.sessions.create.ts';
import { registerProjectsCreate } from './projects.create.ts';
import { registerProjectsDelete } from './projects.delete.ts';
import { registerProjectsGet } from './projects.get.ts';
import { registerProjectsList } from './projects.list.ts';
import { registerProjectsUpdate } from './projects.update.ts';
import { registerUsersCreate } from './users.create.ts';
import { registerUsersDelete } from './users.delete.ts';
import { registerUsersGet } from './users.get.ts';
import { registerUsersList } from './users.list.ts';
import { registerUsersUpdate } from './users.update.ts';
import { registerWebhooksCreate } from './webhooks.create.ts';
import { registerWebhooksDelete } from './webhooks.delete.ts';
import { registerWebhooksDeliveries } from './webhooks.deliveries.ts';
import { registerWebhooksGet } from './webhooks.get.ts';
import { registerWebhooksList } from './webhooks.list.ts';
import { registerWebhooksRotateSecret } from './webhooks.rotate-secret.ts';
import { registerWebhooksSendTest } from './webhooks.send-test.ts';
import { registerWebhooksUpdate } from './webhooks.update.ts';

/** Every route of the v1 API. */
export function registerApiRoutes(app: App): void {
  for (const register of [
    registerAuthLogin, registerAuthMe, registerAuthLogout, registerAuthSetup, registerAuthPassword, registerAuthOtherSessions,
    registerProjectsList, registerProjectsCreate, registerProjectsGet, registerProjectsUpdate, registerProjectsDelete,
    registerUsersList, registerUsersCreate, registerUsersGet, registerUsersUpdate, registerUsersDelete,
    registerGroupsList, registerGroupsCreate, registerGroupsGet, registerGroupsUpdate, registerGroupsDelete,
    registerKeysList, registerKeysCreate, registerKeysGet, registerKeysUpdate, registerKeysDelete, registerKeysRegenerate, registerKeysImport,
    registerKeysVerify, registerAuthorize, registerKeysLeaked, registerKeysUsage, registerUsageOverview,
    registerKeysFind, registerKeysProjects, registerKeysVerifications,
    registerAuditList,
    registerWebhooksList, registerWebhooksCreate, registerWebhooksGet, registerWebhooksUpdate, registerWebhooksDelete,
    registerWebhooksRotateSecret, registerWebhooksDeliveries, registerWebhooksSendTest,
    registerIdentitiesList, registerIdentitiesCreate, registerIdentitiesGet, registerIdentitiesUpdate, registerIdentitiesDelete,
    registerPortalSessionsCreate, registerPortalLink, registerPortalSession, registerPortalKeys,
  ]) {
    register(app);
  }
}

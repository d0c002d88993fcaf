// `qanat start`: every demo workflow user gets a one-time password, printed once, on the first
// start only; their grants are what the demo gave them.
import type { Store } from '../../../app/ports/store-port.js';
import type { InstantUs } from '../../../core/time/instant.js';
import { issueCredentials } from './identity-service.js';
import { rolesOf } from './roles-of.js';

export async function issueDemoCredentials(
  store: Store,
  userIds: readonly string[],
  nowUs: InstantUs,
): Promise<{ userId: string; roles: string[]; oneTimePassword: string }[]> {
  const issued = [];
  for (const userId of userIds) {
    if (await store.identity.getCredential(userId)) continue;
    const grants = await rolesOf(store, userId);
    if (grants.length === 0) continue;
    const { oneTimePassword } = await issueCredentials(
      store,
      userId,
      grants,
      'system.start',
      'demo: sign-in for a demo user',
      nowUs,
    );
    issued.push({ userId, roles: grants.map((grant) => grant.role), oneTimePassword });
  }
  return issued;
}

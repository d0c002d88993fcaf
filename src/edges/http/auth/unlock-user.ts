// An administrator lifts a lockout: failed logins reset, the lock cleared, one audit event. A user
// who is not locked is refused, so the audit log never records an unlock that changed nothing.
import { DomainError } from '../../../core/domain-error.js';
import type { InstantUs } from '../../../core/time/instant.js';
import type { Store } from '../../../app/ports/store-port.js';
import { recordSecurityEvent } from './identity-service.js';

export async function unlockUser(
  store: Store,
  userId: string,
  actor: string,
  reason: string,
  nowUs: InstantUs,
): Promise<void> {
  await store.transaction(async (tx) => {
    const credential = await tx.identity.getCredential(userId);
    if (!credential)
      throw new DomainError('user.not_found', `no user "${userId}"`, { field: 'userId' });
    if (credential.lockedUntilUs === null || credential.lockedUntilUs <= nowUs)
      throw new DomainError('user.not_locked', `user "${userId}" is not locked`, {
        field: 'userId',
      });
    await tx.identity.putCredential({
      ...credential,
      failedLogins: 0,
      lockedUntilUs: null,
      updatedAtUs: nowUs,
    });
    await recordSecurityEvent(
      tx,
      'auth.unlocked',
      actor,
      `user:${userId}`,
      nowUs,
      { userId, wasLockedUntilUs: credential.lockedUntilUs.toString() },
      reason,
    );
  });
}

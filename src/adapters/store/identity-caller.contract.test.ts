// The access hook's one read per request (IdentityRepository.sessionCaller / tokenCaller) on both
// stores: the record, its user's grants in (role, programme) order, the credential's
// password-change flag (undefined without a credential), and a store version that stays equal
// while nothing is written and changes with every committed write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, storeDialects, type TestStore } from '../../../test-support/stores.js';
import type { ApiTokenRecord, SessionRecord } from '../../app/ports/identity-ports.js';

const nowUs = 1_620_000_000_000_000n;
const token: ApiTokenRecord = {
  tokenId: 'tok0000000000001',
  userId: 'reader',
  secretSha256: 'a'.repeat(64),
  label: 'caller test',
  scopes: ['read'],
  createdAtUs: nowUs,
  expiresAtUs: nowUs + 1_000_000n,
  revokedAtUs: null,
};
const session: SessionRecord = {
  sessionSha256: 'b'.repeat(64),
  userId: 'reader',
  csrfToken: 'csrf',
  secondFactorDone: true,
  createdAtUs: nowUs,
  lastSeenUs: nowUs,
  expiresAtUs: nowUs + 1_000_000n,
  revokedAtUs: null,
};

describe.each(storeDialects)('the caller read on %s', (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    await t.store.transaction(async (tx) => {
      await tx.users.insertUser({ userId: 'reader', createdAtUs: nowUs });
      await tx.users.replaceGrants('reader', [
        {
          userId: 'reader',
          role: 'overseer',
          programmeId: '*',
          grantedBy: 'test',
          grantedAtUs: nowUs,
        },
        {
          userId: 'reader',
          role: 'approver',
          programmeId: 'p-2',
          grantedBy: 'test',
          grantedAtUs: nowUs,
        },
        {
          userId: 'reader',
          role: 'approver',
          programmeId: 'p-1',
          grantedBy: 'test',
          grantedAtUs: nowUs,
        },
      ]);
      await tx.identity.putToken(token);
      await tx.identity.putSession(session);
      await tx.audit.append({
        kind: 'test.setup',
        actor: 'test',
        reason: 'caller test',
        atUs: nowUs,
        subject: 'user:reader',
        payload: {},
      });
    });
  }, 60_000);
  afterAll(async () => t?.dispose());

  it('reads the token or session with its grants, credential flag and store version in one call', async () => {
    const byToken = await t.store.identity.tokenCaller(token.tokenId);
    expect(byToken?.record).toEqual(token);
    expect(byToken?.grants).toEqual([
      { role: 'approver', programmeId: 'p-1' },
      { role: 'approver', programmeId: 'p-2' },
      { role: 'overseer', programmeId: '*' },
    ]);
    expect(byToken?.grants).toEqual(
      (await t.store.users.grantsOf('reader')).map(({ role, programmeId }) => ({
        role,
        programmeId,
      })),
    );
    expect(byToken?.mustChangePassword).toBeUndefined();
    const bySession = await t.store.identity.sessionCaller(session.sessionSha256);
    expect(bySession?.record).toEqual(session);
    expect(bySession?.grants).toEqual(byToken?.grants);
    expect(bySession?.storeVersion).toBe(byToken?.storeVersion);
    expect(await t.store.identity.tokenCaller('tok-none-0000000')).toBeUndefined();
    expect(await t.store.identity.sessionCaller('c'.repeat(64))).toBeUndefined();
  });

  it('reports the credential flag and a new store version after each committed write, none after a rollback', async () => {
    const before = (await t.store.identity.tokenCaller(token.tokenId))!;
    await t.store.transaction((tx) =>
      tx.identity.putCredential({
        userId: 'reader',
        passwordHash: 'x',
        mustChangePassword: true,
        totpSecret: null,
        totpEnabled: false,
        totpLastStep: null,
        failedLogins: 0,
        lockedUntilUs: null,
        updatedAtUs: nowUs,
      }),
    );
    const after = (await t.store.identity.tokenCaller(token.tokenId))!;
    expect(after.mustChangePassword).toBe(true);
    expect(after.storeVersion).not.toBe(before.storeVersion);
    await expect(
      t.store.transaction(async (tx) => {
        await tx.users.replaceGrants('reader', []);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const unchanged = (await t.store.identity.tokenCaller(token.tokenId))!;
    expect(unchanged.storeVersion).toBe(after.storeVersion);
    expect(unchanged.grants).toEqual(after.grants);
    await t.store.transaction((tx) => tx.users.replaceGrants('reader', []));
    const withdrawn = (await t.store.identity.tokenCaller(token.tokenId))!;
    expect(withdrawn.grants).toEqual([]);
    expect(withdrawn.storeVersion).not.toBe(unchanged.storeVersion);
  });
});

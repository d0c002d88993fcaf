// Issue 8, identities and duties: each walk-around done on the demo store, now refused with its
// code and nothing written, on both stores.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects, openTestStore, type TestStore } from '../../../test-support/stores.js';
import {
  accountFor,
  ctx,
  mayMorningUs,
  pilgrimDocuments,
  programmeId,
  seedProgramme,
} from '../../../test-support/programme-fixtures.js';
import { ManualClock } from '../../core/time/clock.js';
import { parseGrants } from '../../core/identity/role-change-rules.js';
import {
  approveRoleChange,
  bootstrapFirstAdministrator,
  proposeRoleChange,
} from '../programme-service/role-changes.js';
import type { Store } from '../ports/store-port.js';
import { createDisbursement } from './create-disbursement.js';
import { parseDisbursementInput } from './disbursement-input.js';
import { submitDisbursement } from './submit-disbursement.js';
import { ScriptedScreening } from './scripted-screening.js';
import { approveDisbursement, overrideWarning, recordNonObjection } from './review-actions.js';
import { reserveFunds } from './reserve-funds.js';
import { instructBank, recordExecution } from './instruct-and-execute.js';
import { storeDocument } from './attach-document.js';

const clear = new ScriptedScreening();

async function snapshot(store: Store) {
  const escrow = (await store.ledger.getAccounts([`${programmeId}/escrow/USD`])).get(
    `${programmeId}/escrow/USD`,
  )!;
  const records = await store.disbursements.list(programmeId, { limit: 1000 });
  const users = await store.users.listUsers(1000);
  const grants = await Promise.all(
    users.map(async (user) =>
      (await store.users.grantsOf(user.userId)).map(
        (grant) => `${grant.userId}:${grant.role}@${grant.programmeId}`,
      ),
    ),
  );
  return {
    events: await store.audit.countEvents(),
    escrow: [escrow.debitsPostedMinor, escrow.debitsPendingMinor, escrow.creditsPostedMinor],
    records: records.map((r) => [r.disbursementId, r.version, r.status]),
    grants: grants.flat().sort(),
  };
}

describe.each(storeDialects)('identities and separation of duties on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  const at = (actor: string, reason = 'a reason that says why this step happens') => {
    clock.advanceUs(1_000_000n);
    return ctx(clock.nowUs(), actor, reason);
  };
  async function refused(code: string, run: () => Promise<unknown>): Promise<void> {
    const before = await snapshot(t.store);
    await expect(run()).rejects.toMatchObject({ code });
    expect(await snapshot(t.store)).toEqual(before);
  }
  /** root.admin proposes, root.admin2 approves: the four-eyes way */
  async function grant(userId: string, roles: string[]) {
    const { proposal } = await proposeRoleChange(
      t.store,
      userId,
      parseGrants(roles),
      at('root.admin'),
    );
    await approveRoleChange(t.store, proposal.proposalId, at('root.admin2'));
  }
  async function toApproval(
    id: string,
    requester = 'maker',
    overrides: Record<string, unknown> = {},
    documents?: { kind: string; sha256: string }[],
  ) {
    const input = parseDisbursementInput({
      disbursementId: id,
      programmeId,
      channelId: 'pilgrims',
      payeePartyId: 'karbala-pilgrim-services',
      amount: '100000.00',
      currency: 'USD',
      valueDate: '2021-05-20',
      purpose: 'Pilgrims accommodation in Karbala',
      beneficiaryAccount: accountFor(String(overrides.payeePartyId ?? 'karbala-pilgrim-services')),
      ...overrides,
    });
    await createDisbursement(
      t.store,
      { ...input, documents: documents ?? (await pilgrimDocuments(t.store, id)) },
      at(requester),
    );
    return submitDisbursement(t.store, id, at(requester), clear);
  }

  beforeEach(async () => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    await seedProgramme(t.store, clock.nowUs());
  });
  afterEach(async () => t.dispose());

  it('nobody grants themselves roles; a change needs a second administrator; bootstrap only once', async () => {
    await grant('mx', ['operator']);
    await refused('user.own_roles', () =>
      proposeRoleChange(
        t.store,
        'mx',
        parseGrants(['administrator', 'operator', 'approver', 'treasury', 'overseer']),
        at('mx'),
      ),
    );
    await refused('user.role_missing', () =>
      proposeRoleChange(t.store, 'someone', parseGrants(['approver']), at('mx')),
    );
    await refused('user.unknown', () =>
      proposeRoleChange(t.store, 'someone', parseGrants(['approver']), at('ghost')),
    );
    await refused('user.unknown_role', async () => parseGrants(['system']));
    const { proposal } = await proposeRoleChange(
      t.store,
      'mx',
      parseGrants(['operator', 'approver']),
      at('root.admin'),
    );
    await refused('user.four_eyes', () =>
      approveRoleChange(t.store, proposal.proposalId, at('root.admin')),
    );
    await refused('user.own_roles', () =>
      approveRoleChange(t.store, proposal.proposalId, at('mx')),
    );
    await refused('user.bootstrap_closed', () =>
      bootstrapFirstAdministrator(t.store, 'mx', at('installer')),
    );
    await approveRoleChange(t.store, proposal.proposalId, at('root.admin2'));
    await refused('user.proposal_closed', () =>
      approveRoleChange(t.store, proposal.proposalId, at('ops.admin')),
    );
    expect((await t.store.users.grantsOf('mx')).map((g) => g.role)).toEqual([
      'approver',
      'operator',
    ]);
    const events = await t.store.audit.eventsForSubject('user:mx', 10);
    expect(events.map((event) => event.kind)).toEqual([
      'user.role_change_proposed',
      'user.roles_changed',
      'user.role_change_proposed',
      'user.roles_changed',
    ]);
  });

  it('grants are per programme: a role on another programme does not count here', async () => {
    await grant('elsewhere', ['treasury@qatar-humanitarian']);
    await toApproval('D-P');
    await approveDisbursement(t.store, 'D-P', at('approver.one'));
    await refused('user.role_missing', () => reserveFunds(t.store, 'D-P', at('elsewhere'), clear));
  });

  it('an unknown user cannot reserve, or take any other step', async () => {
    await toApproval('D-U');
    await approveDisbursement(t.store, 'D-U', at('approver.one'));
    await refused('user.unknown', () => reserveFunds(t.store, 'D-U', at('nobody'), clear));
    await refused('user.unknown', () => approveDisbursement(t.store, 'D-U', at('nobody')));
  });

  it("one person cannot give an approval and the overseer's non-objection on one request", async () => {
    await grant('dual', ['approver', 'overseer']);
    await toApproval('D-N', 'maker', { amount: '1500000.00' });
    await approveDisbursement(t.store, 'D-N', at('dual'));
    await refused('duty.conflict', () =>
      recordNonObjection(t.store, 'D-N', 'OFAC-NO-2021-7', at('dual')),
    );
    await recordNonObjection(t.store, 'D-N', 'OFAC-NO-2021-7', at('overseer'));
  });

  it('an approver cannot override a warning on a request it approved', async () => {
    const foodDocs = await Promise.all(
      [
        'sales-contract',
        'commercial-invoice',
        'certificate-of-origin',
        'bill-of-lading',
        'end-use-certificate',
      ].map(async (kind) => ({
        kind,
        sha256: await storeDocument(t.store, Buffer.from(`food ${kind}`)),
      })),
    );
    await toApproval(
      'D-O',
      'maker',
      {
        channelId: 'humanitarian-goods',
        payeePartyId: 'dijla-food',
        amount: '420000.00',
        goods: [
          {
            hsCode: '100199',
            description: 'Milling wheat',
            quantity: '1000',
            unit: 'tonne',
            unitPrice: '420.00',
          },
        ],
      },
      foodDocs,
    );
    await approveDisbursement(t.store, 'D-O', at('approver.one'));
    const key = 'goods.price_above_band@goods[0].unitPrice';
    await refused('duty.conflict', () =>
      overrideWarning(
        t.store,
        'D-O',
        key,
        at('approver.one', 'freight surcharge after the Umm Qasr closure, quotes attached'),
      ),
    );
    await overrideWarning(
      t.store,
      'D-O',
      key,
      at('approver.two', 'freight surcharge after the Umm Qasr closure, quotes attached'),
    );
  });

  it('a maker holding the treasury role cannot record the execution of its own payment', async () => {
    await grant('maker.treasury', ['operator', 'treasury']);
    await toApproval('D-T', 'maker.treasury');
    await approveDisbursement(t.store, 'D-T', at('approver.one'));
    await refused('duty.conflict', () => reserveFunds(t.store, 'D-T', at('maker.treasury'), clear));
    await reserveFunds(t.store, 'D-T', at('treasury'), clear);
    await refused('workflow.own_request', () =>
      instructBank(t.store, 'D-T', at('maker.treasury'), clear),
    );
    await instructBank(t.store, 'D-T', at('treasury'), clear);
    await refused('duty.conflict', () =>
      recordExecution(t.store, 'D-T', 'TBI-1', at('maker.treasury'), clear),
    );
    expect((await recordExecution(t.store, 'D-T', 'TBI-1', at('treasury'), clear)).status).toBe(
      'executed',
    );
  });
});

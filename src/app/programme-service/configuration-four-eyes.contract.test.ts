// Issue 8, "configuration changes are four-eyes", on both stores: a maker loaded a programme
// version with a 366-day waiver maximum and a 2bn cap, then recorded a 366-day waiver. Each step
// of that walk-around is now refused with its code and leaves the store exactly as it was; a
// change takes effect only when a second authorised person approves it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects, openTestStore, type TestStore } from '../../../test-support/stores.js';
import {
  createPilgrimPayment,
  ctx,
  mayMorningUs,
  programmeId,
  referenceProgrammeJson,
  seedProgramme,
} from '../../../test-support/programme-fixtures.js';
import { ManualClock } from '../../core/time/clock.js';
import { approveRoleChange, proposeRoleChange } from './role-changes.js';
import { proposeProgrammeVersion } from './propose-programme-version.js';
import {
  approveConfigurationProposal,
  rejectConfigurationProposal,
} from './decide-configuration-proposal.js';
import { currentProgramme, programmeWaivers } from '../kernel/current-programme.js';
import { proposalDiff } from './proposal-diff.js';
import { proposeWaiver } from '../waivers/propose-waiver.js';
import { submitDisbursement } from '../disbursement/submit-disbursement.js';
import { ScriptedScreening } from '../disbursement/scripted-screening.js';
import { findChannel } from '../../core/programme/programme.js';
import type { Store } from '../ports/store-port.js';

interface ProgrammeFileShape {
  version: string;
  name: string;
  legalBasis: { waiverValidityDaysMax: number };
  channels: { channelId: string; caps: { perPaymentMax: string; perPeriodMax: string } }[];
}

/** The maker's file: waivers up to 366 days, and the pilgrims channel capped at 2bn. */
function walkAroundFile(): ProgrammeFileShape {
  const file = referenceProgrammeJson() as ProgrammeFileShape;
  file.version = '1.1.0';
  file.legalBasis.waiverValidityDaysMax = 366;
  const pilgrims = file.channels.find((channel) => channel.channelId === 'pilgrims')!;
  pilgrims.caps.perPaymentMax = '2000000000.00';
  pilgrims.caps.perPeriodMax = '2000000000.00';
  return file;
}

function ordinaryChange(name: string): ProgrammeFileShape {
  const file = referenceProgrammeJson() as ProgrammeFileShape;
  file.name = name;
  return file;
}

/** A 2022 waiver for the medicines channel, `days` long. */
function waiverOf(days: number, waiverId = 'w-2022-medicines') {
  const until = new Date(Date.UTC(2022, 0, 1) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return {
    waiverId,
    reference: 'test: medicines 2022',
    overseerPartyId: 'us-state',
    issuedOn: '2021-12-20',
    validFrom: '2022-01-01',
    validUntil: until,
    channelIds: ['medicines'],
  };
}

/** Everything a configuration change could touch: the version and waivers in force, the proposals, the audit log. */
async function configurationState(store: Store) {
  const version = await store.programmes.latestVersion(programmeId);
  return {
    version: [version?.versionNo, version?.contentSha256],
    waivers: (await store.programmes.listWaivers(programmeId)).map((record) => [
      record.waiverId,
      record.contentSha256,
    ]),
    proposals: (await store.proposals.list({ limit: 1000 })).map((proposal) => [
      proposal.proposalId,
      proposal.status,
      proposal.decision?.decidedBy ?? null,
    ]),
    events: await store.audit.countEvents(),
    accounts: (await store.ledger.listAccounts()).length,
  };
}

describe.each(storeDialects)('four-eyes configuration on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  const at = (actor: string, reason = 'a reason that says why this change is made') => {
    clock.advanceUs(1_000_000n);
    return ctx(clock.nowUs(), actor, reason);
  };
  /** The call fails with `code`, and the configuration and audit log are exactly as before. */
  async function refused(code: string, run: () => Promise<unknown>): Promise<void> {
    const before = await configurationState(t.store);
    await expect(run()).rejects.toMatchObject({ code });
    expect(await configurationState(t.store)).toEqual(before);
  }

  beforeEach(async () => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    await seedProgramme(t.store, clock.nowUs());
    for (const [userId, role] of [
      ['mx', 'operator'],
      ['admin.two', 'administrator'],
      ['oversight', 'overseer'],
    ] as const) {
      const { proposal } = await proposeRoleChange(
        t.store,
        userId,
        [{ role, programmeId: '*' }],
        ctx(clock.nowUs(), 'root.admin'),
      );
      await approveRoleChange(t.store, proposal.proposalId, ctx(clock.nowUs(), 'root.admin2'));
    }
  });
  afterEach(async () => t.dispose());

  it("a maker's 366-day limit and 2bn cap are not in force until an overseer approves them", async () => {
    const proposed = await proposeProgrammeVersion(t.store, walkAroundFile(), at('mx'));
    if (proposed.status !== 'proposed')
      throw new Error(`expected a proposal, got ${proposed.status}`);
    expect(proposed.proposal).toMatchObject({
      proposalId: expect.stringMatching(/^CP-\d+$/),
      status: 'proposed',
      proposedBy: 'mx',
      touchesLegalBasis: true,
    });

    // Proposed, but nothing in force moved: the version, the legal basis, the cap.
    const inForce = await currentProgramme(t.store, programmeId);
    expect(inForce.versionNo).toBe(1);
    expect(inForce.programme.legalBasis.waiverValidityDaysMax).toBe(120);
    expect(findChannel(inForce.programme, 'pilgrims')!.caps.perPaymentCapMinor).toBe(200_000_000n);
    // Disbursements use only approved configuration: 3M is over the 2M per-payment cap in force.
    await createPilgrimPayment(t.store, 'FE-CAP', '3000000.00', clock.nowUs());
    await expect(
      submitDisbursement(t.store, 'FE-CAP', at('maker'), new ScriptedScreening()),
    ).rejects.toMatchObject({ code: 'channel.cap_per_payment_exceeded' });
    // …and the 366-day waiver is refused: the legal basis in force allows 120 days.
    await refused('waiver.too_long', () =>
      proposeWaiver(t.store, programmeId, waiverOf(366), at('mx')),
    );

    const id = proposed.proposal.proposalId;
    await refused('configuration.own_proposal', () =>
      approveConfigurationProposal(t.store, id, at('mx')),
    );
    await refused('configuration.legal_basis_overseer_only', () =>
      approveConfigurationProposal(t.store, id, at('admin.two')),
    );
    await refused('configuration.approver_role_missing', () =>
      approveConfigurationProposal(t.store, id, at('approver.one')),
    );
    await refused('configuration.approver_role_missing', () =>
      approveConfigurationProposal(t.store, id, at('treasury')),
    );
    await refused('user.unknown', () => approveConfigurationProposal(t.store, id, at('nobody')));
    await refused('configuration.reason_required', () =>
      approveConfigurationProposal(t.store, id, at('oversight', '  ')),
    );
    await refused('configuration.proposal_kind', () =>
      approveConfigurationProposal(t.store, id, at('oversight'), 'waiver'),
    );
    await refused('configuration.proposal_unknown', () =>
      approveConfigurationProposal(t.store, 'CP-999', at('oversight')),
    );

    const approved = await approveConfigurationProposal(
      t.store,
      id,
      at('oversight', 'the new waiver authority allows a year'),
    );
    expect(approved).toMatchObject({
      versionNo: 2,
      proposal: { status: 'approved', decision: { decidedBy: 'oversight' } },
    });
    expect(
      (await currentProgramme(t.store, programmeId)).programme.legalBasis.waiverValidityDaysMax,
    ).toBe(366);
    // The approval's one event records the difference it made, path by path.
    const [event] = (await t.store.audit.eventsForSubject(`programme:${programmeId}`, 100)).slice(
      -1,
    );
    const body = JSON.parse(event!.body) as {
      kind: string;
      payload: {
        proposedBy: string;
        approvedBy: string;
        diff: { path: string; before: unknown; after: unknown }[];
      };
    };
    expect(event!.kind).toBe('programme.updated');
    expect(body.payload).toMatchObject({ proposedBy: 'mx', approvedBy: 'oversight' });
    expect(body.payload.diff.map(({ path, before, after }) => ({ path, before, after }))).toEqual([
      {
        path: '$.channels[channelId="pilgrims"].caps.perPaymentMax',
        before: '2000000.00',
        after: '2000000000.00',
      },
      {
        path: '$.channels[channelId="pilgrims"].caps.perPeriodMax',
        before: '30000000.00',
        after: '2000000000.00',
      },
      { path: '$.legalBasis.waiverValidityDaysMax', before: 120, after: 366 },
      { path: '$.version', before: '1.0.0', after: '1.1.0' },
    ]);
    await refused('configuration.proposal_decided', () =>
      approveConfigurationProposal(t.store, id, at('admin.two')),
    );
  });

  it('an administrator approves an ordinary change; a stale or rejected proposal never takes effect', async () => {
    const first = await proposeProgrammeVersion(t.store, ordinaryChange('renamed once'), at('mx'));
    const second = await proposeProgrammeVersion(
      t.store,
      ordinaryChange('renamed twice'),
      at('mx'),
    );
    if (first.status !== 'proposed' || second.status !== 'proposed')
      throw new Error('expected two proposals');
    expect(first.proposal.touchesLegalBasis).toBe(false);
    // Proposing the same file again is the same proposal, not a second one.
    expect(
      await proposeProgrammeVersion(t.store, ordinaryChange('renamed once'), at('mx')),
    ).toMatchObject({
      status: 'already_proposed',
      proposal: { proposalId: first.proposal.proposalId },
    });

    const diff = await proposalDiff(t.store, first.proposal);
    expect(diff.entries.map((entry) => [entry.path, entry.before, entry.after])).toEqual([
      ['$.name', 'Iraq–Iran energy settlement through the Trade Bank of Iraq', 'renamed once'],
    ]);
    await approveConfigurationProposal(t.store, first.proposal.proposalId, at('admin.two'));
    expect((await currentProgramme(t.store, programmeId)).programme.name).toBe('renamed once');

    // The second was shown a difference from version 1; version 2 is in force now.
    await refused('configuration.proposal_stale', () =>
      approveConfigurationProposal(t.store, second.proposal.proposalId, at('oversight')),
    );
    await refused('configuration.reason_required', () =>
      rejectConfigurationProposal(t.store, second.proposal.proposalId, at('admin.two', '')),
    );
    await refused('configuration.own_proposal', () =>
      rejectConfigurationProposal(t.store, second.proposal.proposalId, at('mx')),
    );
    const rejected = await rejectConfigurationProposal(
      t.store,
      second.proposal.proposalId,
      at('admin.two', 'superseded by the approved rename'),
    );
    expect(rejected.proposal).toMatchObject({
      status: 'rejected',
      decision: { decidedBy: 'admin.two', reason: 'superseded by the approved rename' },
    });
    await refused('configuration.proposal_decided', () =>
      approveConfigurationProposal(t.store, second.proposal.proposalId, at('oversight')),
    );
    expect((await currentProgramme(t.store, programmeId)).versionNo).toBe(2);
    await refused('configuration.proposer_role_missing', () =>
      proposeProgrammeVersion(t.store, ordinaryChange('by treasury'), at('treasury')),
    );
  });

  it('a waiver is in force only after a second person approves it; the proposer cannot', async () => {
    const before = (await programmeWaivers(t.store, programmeId)).map((waiver) => waiver.waiverId);
    const proposed = await proposeWaiver(t.store, programmeId, waiverOf(120), at('mx'));
    if (proposed.status !== 'proposed') throw new Error('expected a proposal');
    expect((await programmeWaivers(t.store, programmeId)).map((waiver) => waiver.waiverId)).toEqual(
      before,
    );

    const id = proposed.proposal.proposalId;
    await refused('configuration.own_proposal', () =>
      approveConfigurationProposal(t.store, id, at('mx'), 'waiver'),
    );
    await refused('configuration.approver_role_missing', () =>
      approveConfigurationProposal(t.store, id, at('compliance'), 'waiver'),
    );
    await refused('configuration.proposal_kind', () =>
      approveConfigurationProposal(t.store, id, at('admin.two'), 'programme_version'),
    );
    const approved = await approveConfigurationProposal(
      t.store,
      id,
      at('admin.two', 'notice checked against the State Department text'),
      'waiver',
    );
    expect(approved.diff).toMatchObject([
      {
        path: '$',
        change: 'added',
        after: { waiverId: 'w-2022-medicines', validUntil: '2022-04-30' },
      },
    ]);
    expect((await programmeWaivers(t.store, programmeId)).map((waiver) => waiver.waiverId)).toEqual(
      [...before, 'w-2022-medicines'],
    );
    const [event] = (
      await t.store.audit.eventsForSubject(`waiver:${programmeId}/w-2022-medicines`, 10)
    ).slice(-1);
    expect(event!.kind).toBe('waiver.recorded');
    expect(JSON.parse(event!.body).payload).toMatchObject({
      proposalId: id,
      proposedBy: 'mx',
      approvedBy: 'admin.two',
    });

    // Refused at proposal, against the waivers and legal basis in force: nothing written.
    await refused('waiver.too_long', () =>
      proposeWaiver(t.store, programmeId, waiverOf(366, 'w-2022-long'), at('mx')),
    );
    await refused('waiver.too_long', () =>
      proposeWaiver(t.store, programmeId, waiverOf(121, 'w-2022-long'), at('mx')),
    );
    await refused('waiver.overlap', () =>
      proposeWaiver(t.store, programmeId, waiverOf(30, 'w-2022-again'), at('mx')),
    );
    await refused('waiver.id_conflict', () =>
      proposeWaiver(t.store, programmeId, { ...waiverOf(60), reference: 'other text' }, at('mx')),
    );
    expect(await proposeWaiver(t.store, programmeId, waiverOf(120), at('mx'))).toMatchObject({
      status: 'unchanged',
    });
  });

  it('two waivers that overlap may both be proposed, but the second cannot be approved after the first', async () => {
    const a = await proposeWaiver(t.store, programmeId, waiverOf(60, 'w-2022-a'), at('mx'));
    const b = await proposeWaiver(t.store, programmeId, waiverOf(90, 'w-2022-b'), at('mx'));
    if (a.status !== 'proposed' || b.status !== 'proposed')
      throw new Error('expected two proposals');
    await approveConfigurationProposal(t.store, a.proposal.proposalId, at('oversight'), 'waiver');
    await refused('waiver.overlap', () =>
      approveConfigurationProposal(t.store, b.proposal.proposalId, at('oversight'), 'waiver'),
    );
  });

  it('a revocation is a proposal too: the waiver stays in force until it is approved', async () => {
    const revoked = { ...(waiverOf(120) as Record<string, unknown>) };
    const first = await proposeWaiver(t.store, programmeId, waiverOf(120), at('mx'));
    if (first.status !== 'proposed') throw new Error('expected a proposal');
    await approveConfigurationProposal(
      t.store,
      first.proposal.proposalId,
      at('oversight'),
      'waiver',
    );
    const revocation = await proposeWaiver(
      t.store,
      programmeId,
      { ...revoked, revokedFrom: '2022-02-01' },
      at('mx'),
    );
    if (revocation.status !== 'proposed') throw new Error('expected a proposal');
    expect(revocation.diff.map((entry) => [entry.path, entry.change, entry.after])).toEqual([
      ['$.revokedFrom', 'added', '2022-02-01'],
    ]);
    expect(
      (await programmeWaivers(t.store, programmeId)).find(
        (waiver) => waiver.waiverId === 'w-2022-medicines',
      )?.revokedFrom,
    ).toBeUndefined();
    await approveConfigurationProposal(
      t.store,
      revocation.proposal.proposalId,
      at('admin.two'),
      'waiver',
    );
    expect(
      (await programmeWaivers(t.store, programmeId)).find(
        (waiver) => waiver.waiverId === 'w-2022-medicines',
      )?.revokedFrom,
    ).toBe('2022-02-01');
  });

  it('two approvers racing on one proposal: exactly one approval lands', async () => {
    const proposed = await proposeProgrammeVersion(t.store, ordinaryChange('raced'), at('mx'));
    if (proposed.status !== 'proposed') throw new Error('expected a proposal');
    const results = await Promise.allSettled([
      approveConfigurationProposal(t.store, proposed.proposal.proposalId, at('admin.two')),
      approveConfigurationProposal(t.store, proposed.proposal.proposalId, at('oversight')),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { code: 'configuration.proposal_decided' },
    });
    expect((await currentProgramme(t.store, programmeId)).versionNo).toBe(2);
    const kinds = (await t.store.audit.eventsForSubject(`programme:${programmeId}`, 100)).map(
      (event) => event.kind,
    );
    expect(kinds.filter((kind) => kind === 'programme.updated')).toHaveLength(1);
  });
});

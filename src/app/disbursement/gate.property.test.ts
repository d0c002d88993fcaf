// Issue 8's property: random workflow sequences, by random users holding random roles, with list
// updates (a payee becoming blocked or unblocked) and clock moves, never pay a party that was
// blocked when its money was reserved, instructed or paid, and never let one person hold two
// conflicting duties on one disbursement. The model is kept here, apart from the code under test:
// which payees the "lists" block at each moment, and who did what (from the audit log).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { storeDialects, openTestStore, type TestStore } from '../../../test-support/stores.js';
import {
  accountFor,
  seedInvoicesCsv,
  ctx,
  exampleWaivers,
  programmeId,
  proposeAndApproveProgramme,
  proposeAndApproveWaiver,
  referenceProgrammeJson,
  seedTestUsers,
} from '../../../test-support/programme-fixtures.js';
import { DomainError } from '../../core/domain-error.js';
import { dutiesOf, dutyConflict, type HeldDuty } from '../../core/identity/duty-conflicts.js';
import { assignableRoles } from '../../core/identity/roles.js';
import { parseGrants } from '../../core/identity/role-change-rules.js';
import { dutyConflictPolicy } from '../programme-service/duty-policy.js';
import { approveRoleChange, proposeRoleChange } from '../programme-service/role-changes.js';
import { importCsvText } from '../money-in/import-csv.js';
import { parseInstant } from '../../core/time/instant.js';
import { storeDocument } from './attach-document.js';
import { createDisbursement } from './create-disbursement.js';
import { parseDisbursementInput } from './disbursement-input.js';
import { submitDisbursement } from './submit-disbursement.js';
import { ScriptedScreening } from './scripted-screening.js';
import {
  approveDisbursement,
  cancelDisbursement,
  clearCompliance,
  overrideWarning,
  recordNonObjection,
  rejectDisbursement,
} from './review-actions.js';
import { reserveFunds } from './reserve-funds.js';
import { instructBank, recordExecution } from './instruct-and-execute.js';

const startUs = parseInstant('2021-07-01T09:00:00+03:00', 'start');
const dayUs = 86_400_000_000n;
const payees = [
  {
    channelId: 'diplomatic-bills',
    payeePartyId: 'karrada-realestate',
    documents: ['diplomatic-note', 'service-invoice'],
  },
  {
    channelId: 'pilgrims',
    payeePartyId: 'karbala-pilgrim-services',
    documents: ['pilgrim-manifest', 'service-invoice'],
  },
] as const;
const baseRoles = ['operator', 'approver', 'compliance_officer', 'treasury', 'overseer'] as const;
const usersPerRun = baseRoles.length;
const roleFor: Readonly<Record<string, string>> = {
  submit: 'operator',
  clear: 'compliance_officer',
  approve: 'approver',
  reserve: 'treasury',
  instruct: 'treasury',
  execute: 'treasury',
};
const nextKind: Readonly<Record<string, string>> = {
  draft: 'submit',
  compliance_review: 'clear',
  approval: 'approve',
  funds_reserved: 'instruct',
  instructed: 'execute',
};
const stepKinds = [
  'submit',
  'clear',
  'approve',
  'non_objection',
  'override',
  'reserve',
  'instruct',
  'execute',
  'cancel',
  'reject',
] as const;

const runInput = fc.record({
  // each run's users: one base role each (so a payment can get through) plus one or two random
  // extra roles, so that one person often could take two duties on the same payment
  extraRoles: fc.array(
    fc.uniqueArray(fc.constantFrom(...assignableRoles.filter((role) => role !== 'administrator')), {
      minLength: 1,
      maxLength: 2,
    }),
    { minLength: usersPerRun, maxLength: usersPerRun },
  ),
  actions: fc.array(
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({
          type: fc.constant('create' as const),
          payee: fc.nat({ max: 1 }),
          by: fc.nat({ max: usersPerRun - 1 }),
          amountUsd: fc.integer({ min: 10_000, max: 1_100_000 }),
        }),
      },
      {
        weight: 8,
        arbitrary: fc.record({
          type: fc.constant('step' as const),
          kind: fc.constantFrom(...stepKinds),
          target: fc.nat(),
          by: fc.nat({ max: usersPerRun - 1 }),
        }),
      },
      // mostly the natural next step, by someone who holds the role it needs (but maybe holds other duties too)
      {
        weight: 14,
        arbitrary: fc.record({
          type: fc.constant('next' as const),
          target: fc.nat(),
          by: fc.nat(),
          reserve: fc.boolean(),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          type: fc.constant('list_update' as const),
          payee: fc.nat({ max: 1 }),
          blocked: fc.boolean(),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constant('advance' as const),
          days: fc.integer({ min: 1, max: 10 }),
        }),
      },
    ),
    { minLength: 20, maxLength: 50 },
  ),
});

describe.each(storeDialects)('screening gate and duty separation property on %s', (dialect) => {
  let t: TestStore;
  let run = 0;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    const c = (reason: string) => ctx(startUs - dayUs, 'ops.admin', reason);
    await seedTestUsers(t.store, startUs - dayUs);
    // this property is about the gate and duties: payments are not aggregated across requests here
    // (split-aggregation.test.ts and workflow.property.test.ts hold that rule), and there is enough owed
    const file = referenceProgrammeJson() as { controls: Record<string, unknown> };
    await proposeAndApproveProgramme(
      t.store,
      { ...file, controls: { ...file.controls, aggregationWindowDays: 0 } },
      startUs,
    );
    for (const waiver of exampleWaivers())
      await proposeAndApproveWaiver(t.store, programmeId, waiver, startUs);
    await importCsvText(
      t.store,
      'deposits',
      programmeId,
      'deposit_id,depositor_id,received_on,amount,currency\nG-1,iq-mof,2021-06-01,20000000.00,USD',
      { partial: false },
      c('deposit'),
    );
    await importCsvText(
      t.store,
      'invoices',
      programmeId,
      seedInvoicesCsv,
      { partial: false },
      c('invoices'),
    );
  });
  afterAll(async () => t.dispose());

  it('no executed payment had a party blocked at reserve, instruct or execute; no person held two conflicting duties', async () => {
    const policy = dutyConflictPolicy();
    let moneySteps = 0;
    let executed = 0;
    let refusedByGate = 0;
    let refusedByDuty = 0;
    await fc.assert(
      fc.asyncProperty(runInput, async ({ extraRoles, actions }) => {
        const roles = extraRoles.map((extra, index) => [...new Set([baseRoles[index]!, ...extra])]);
        run += 1;
        let nowUs = startUs + BigInt(run) * 60_000_000n;
        const at = (actor: string) => ctx(nowUs, actor, 'property test step with a reason');
        const users = roles.map((_, index) => `r${run}.u${index}`);
        for (const [index, userId] of users.entries()) {
          const { proposal } = await proposeRoleChange(
            t.store,
            userId,
            parseGrants(roles[index]!),
            at('root.admin'),
          );
          await approveRoleChange(t.store, proposal.proposalId, at('root.admin2'));
        }
        const screening = new ScriptedScreening();
        const created: { id: string; payeePartyId: string }[] = [];
        for (const action of actions) {
          nowUs += 1_000_000n;
          try {
            if (action.type === 'advance') nowUs += BigInt(action.days) * dayUs;
            else if (action.type === 'list_update') {
              const payee = payees[action.payee]!.payeePartyId;
              if (action.blocked) screening.blockedNow.add(payee);
              else screening.blockedNow.delete(payee);
            } else if (action.type === 'create') {
              const payee = payees[action.payee]!;
              const id = `G${run}-${created.length}`;
              const documents = await Promise.all(
                payee.documents.map(async (kind) => ({
                  kind,
                  sha256: await storeDocument(t.store, Buffer.from(`${id} ${kind}`)),
                })),
              );
              const input = parseDisbursementInput({
                disbursementId: id,
                programmeId,
                channelId: payee.channelId,
                payeePartyId: payee.payeePartyId,
                amount: `${action.amountUsd}.00`,
                currency: 'USD',
                valueDate: '2021-07-15',
                purpose: 'property test payment',
                beneficiaryAccount: accountFor(payee.payeePartyId),
              });
              const operators = users.filter((_, index) => roles[index]!.includes('operator'));
              await createDisbursement(
                t.store,
                { ...input, documents },
                at(operators[action.by % Math.max(operators.length, 1)] ?? users[action.by]!),
              );
              created.push({ id, payeePartyId: payee.payeePartyId });
            } else {
              const target =
                created[created.length - 1 - (action.target % Math.max(created.length, 1))];
              if (target === undefined) continue;
              const { id, payeePartyId } = target;
              let kind: string = action.type === 'step' ? action.kind : 'submit';
              let actor = users[action.by % usersPerRun]!;
              if (action.type === 'next') {
                const record = (await t.store.disbursements.get(id))!;
                kind = nextKind[record.status] ?? 'submit';
                if (kind === 'approve' && action.reserve) kind = 'reserve';
                const holders = users.filter((_, index) =>
                  roles[index]!.includes(roleFor[kind] as never),
                );
                actor =
                  kind === 'submit'
                    ? record.state.requestedBy
                    : (holders[action.by % Math.max(holders.length, 1)] ?? actor);
              }
              const c = at(actor);
              const blockedNow = screening.blockedNow.has(payeePartyId);
              const money = async (move: () => Promise<unknown>) => {
                await move();
                moneySteps += 1;
                // the model's own record: the lists blocked this payee at the moment the step succeeded
                expect(blockedNow, `${kind} of ${id} succeeded while its payee was blocked`).toBe(
                  false,
                );
              };
              if (kind === 'submit') await submitDisbursement(t.store, id, c, screening);
              if (kind === 'clear') await clearCompliance(t.store, id, c);
              if (kind === 'approve') await approveDisbursement(t.store, id, c);
              if (kind === 'non_objection') await recordNonObjection(t.store, id, 'OFAC-NO-1', c);
              if (kind === 'override') await overrideWarning(t.store, id, 'none', c);
              if (kind === 'reserve') await money(() => reserveFunds(t.store, id, c, screening));
              if (kind === 'instruct') await money(() => instructBank(t.store, id, c, screening));
              if (kind === 'execute')
                await money(() => recordExecution(t.store, id, `BANK-${id}`, c, screening));
              if (kind === 'cancel') await cancelDisbursement(t.store, id, c);
              if (kind === 'reject') await rejectDisbursement(t.store, id, c);
            }
          } catch (error) {
            // refusals are the point; anything else (an invariant, a SQL error) fails the property
            if (!(error instanceof DomainError)) throw error;
            if (error.code === 'screening.party_blocked') refusedByGate += 1;
            if (error.code === 'duty.conflict') refusedByDuty += 1;
          }
        }
        for (const { id } of created) {
          const record = (await t.store.disbursements.get(id))!;
          if (record.status === 'executed') executed += 1;
          // who did what, from the audit log, not from the code under test's own bookkeeping
          const events = await t.store.audit.eventsForSubject(`disbursement:${id}`, 100);
          const held: HeldDuty[] = [
            ...dutiesOf(record.state),
            ...events
              .filter((event) => event.kind === 'disbursement.funds_reserved')
              .map((event) => ({
                duty: 'reserver' as const,
                userId: (JSON.parse(event.body) as { actor: string }).actor,
              })),
            ...events
              .filter((event) => event.kind === 'disbursement.executed')
              .map((event) => ({
                duty: 'executor' as const,
                userId: (JSON.parse(event.body) as { actor: string }).actor,
              })),
          ];
          expect(dutyConflict(policy, held), `duties on ${id}`).toBeUndefined();
        }
      }),
      { numRuns: 25, seed: 20_210_708 },
    );
    // the generator must reach money moves and both kinds of refusal, or the property proves little
    expect(moneySteps).toBeGreaterThan(0);
    expect(refusedByGate).toBeGreaterThan(0);
    expect(refusedByDuty).toBeGreaterThan(0);
    expect(executed).toBeGreaterThan(0);
  }, 300_000);
});

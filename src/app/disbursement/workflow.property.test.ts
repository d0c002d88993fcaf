// Random sequences of workflow actions by random users, with the clock moving across a waiver
// lapse, against a real store: whatever is refused, the ledger stays balanced, the escrow is never
// overdrawn, no cap is ever exceeded, and every reservation in the ledger matches a disbursement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { storeDialects, openTestStore, type TestStore } from '../../../test-support/stores.js';
import {
  accountFor,
  seedInvoicesCsv,
  ctx,
  exampleWaivers,
  pilgrimDocuments,
  programmeId,
  proposeAndApproveProgramme,
  proposeAndApproveWaiver,
  referenceProgrammeJson,
  users,
  seedTestUsers,
} from '../../../test-support/programme-fixtures.js';
import { dateOfInstantUs } from '../../core/programme/day-boundary.js';
import { addDays } from '../../core/programme/calendar-date.js';
import { checkNoSplitExceedsLimits } from '../../../test-support/split-invariant.js';
import { DomainError } from '../../core/domain-error.js';
import { importCsvText } from '../money-in/import-csv.js';
import { createDisbursement } from './create-disbursement.js';
import { parseDisbursementInput } from './disbursement-input.js';
import { storeDocument } from './attach-document.js';
import { submitDisbursement } from './submit-disbursement.js';
import { ScriptedScreening, scriptedHit } from './scripted-screening.js';
import {
  approveDisbursement,
  cancelDisbursement,
  clearCompliance,
  rejectDisbursement,
} from './review-actions.js';
import { reserveFunds } from './reserve-funds.js';
import { instructBank, recordExecution } from './instruct-and-execute.js';
import { sweepWaiverLapses } from '../waivers/sweep-waiver-lapses.js';
import { programmeStatement } from '../reporting/programme-statement.js';
import { currentProgramme } from '../kernel/current-programme.js';
import { findChannel } from '../../core/programme/programme.js';
import { stateHoldsReservation } from '../../core/programme/disbursement-state-machine.js';
import { parseInstant } from '../../core/time/instant.js';
import type { Store } from '../ports/store-port.js';

const startUs = parseInstant('2021-07-01T09:00:00+03:00', 'start');
const dayUs = 86_400_000_000n;
const channels = [
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
  {
    channelId: 'pilgrims',
    payeePartyId: 'najaf-hospitality',
    documents: ['pilgrim-manifest', 'service-invoice'],
  },
] as const;
const people = ['maker', 'approver.one', 'approver.two', 'compliance', 'treasury', 'overseer'];

const action = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('create' as const),
      channel: fc.integer({ min: 0, max: 2 }),
      amountUsd: fc.integer({ min: 50_000, max: 1_200_000 }),
      hit: fc.boolean(),
      missingDocument: fc.nat({ max: 4 }).map((n) => n === 0),
      sharedInvoice: fc.nat({ max: 2 }).map((n) => n === 0),
      valueDateOffsetDays: fc.integer({ min: -6, max: 2 }),
    }),
  },
  // Mostly the natural next step by the right person, so runs get far; sometimes anything by anyone.
  {
    weight: 12,
    arbitrary: fc.record({
      type: fc.constant('next' as const),
      target: fc.nat({ max: 3 }),
      second: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constantFrom(
        'submit',
        'clear',
        'approve',
        'reserve',
        'instruct',
        'execute',
        'cancel',
        'reject',
      ),
      target: fc.nat(),
      actor: fc.constantFrom(...people),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('advance' as const),
      days: fc.integer({ min: 1, max: 8 }),
    }),
  },
);

async function seed(store: Store): Promise<void> {
  const c = (reason: string) => ctx(startUs - dayUs, 'ops.admin', reason);
  await seedTestUsers(store, startUs - dayUs);
  await proposeAndApproveProgramme(store, referenceProgrammeJson(), startUs - dayUs);
  for (const waiver of exampleWaivers())
    await proposeAndApproveWaiver(store, programmeId, waiver, startUs - dayUs);
  // A small escrow, so that reservations compete for it as well as for the caps.
  await importCsvText(
    store,
    'deposits',
    programmeId,
    'deposit_id,depositor_id,received_on,amount,currency\nP-1,iq-mof,2021-06-01,3000000.00,USD',
    { partial: false },
    c('deposit'),
  );
  // More owed than the escrow holds, so the arrears rule never decides alone.
  await importCsvText(
    store,
    'invoices',
    programmeId,
    seedInvoicesCsv,
    { partial: false },
    c('invoices'),
  );
}

async function checkInvariants(store: Store): Promise<void> {
  const accounts = await store.ledger.listAccounts();
  const sum = (pick: (a: (typeof accounts)[number]) => bigint) =>
    accounts.reduce((total, account) => total + pick(account), 0n);
  expect(sum((a) => a.debitsPostedMinor)).toBe(sum((a) => a.creditsPostedMinor));
  expect(sum((a) => a.debitsPendingMinor)).toBe(sum((a) => a.creditsPendingMinor));
  const escrow = accounts.find((account) => account.id === `${programmeId}/escrow/USD`)!;
  expect(escrow.debitsPostedMinor + escrow.debitsPendingMinor).toBeLessThanOrEqual(
    escrow.creditsPostedMinor,
  );
  const { programme } = await currentProgramme(store, programmeId);
  const committed = await store.disbursements.listCommitted(programmeId);
  const byPeriod = new Map<string, bigint>();
  for (const record of committed) {
    const key = `${record.channelId}|${record.capPeriodKey}`;
    byPeriod.set(key, (byPeriod.get(key) ?? 0n) + record.capAmountMinor);
    expect(record.capAmountMinor).toBeLessThanOrEqual(
      findChannel(programme, record.channelId)!.caps.perPaymentCapMinor,
    );
  }
  for (const [key, totalMinor] of byPeriod)
    expect(totalMinor).toBeLessThanOrEqual(
      findChannel(programme, key.split('|')[0]!)!.caps.perPeriodCapMinor,
    );
  // No cap or approval tier was ever exceeded by splitting across payees' or documents' payments.
  await checkNoSplitExceedsLimits(store, programme, committed);
  // The ledger's reservations are exactly the disbursements that hold one.
  const holding = committed
    .filter((record) => stateHoldsReservation(record.state))
    .reduce((total, record) => total + record.ledgerAmountMinor, 0n);
  expect(escrow.debitsPendingMinor).toBe(holding);
  const paid = committed
    .filter((record) => record.status === 'executed')
    .reduce((total, record) => total + record.ledgerAmountMinor, 0n);
  expect(escrow.debitsPostedMinor).toBe(paid);
  // The statement's own cross-checks (escrow vs channels vs settled) run inside.
  const statement = await programmeStatement(store, programmeId, {
    from: '2021-01-01',
    to: '2021-12-31',
  });
  expect(statement.closing.availableMinor).toBeGreaterThanOrEqual(0n);
}

describe.each(storeDialects)('workflow property on %s', (dialect) => {
  let t: TestStore;
  let run = 0;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seed(t.store);
  });
  afterAll(async () => t.dispose());

  it('random action sequences never break ledger invariants or caps', async () => {
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 30 }), async (actions) => {
        run += 1;
        let nowUs = startUs + BigInt(run) * 60_000_000n;
        const created: string[] = [];
        const screening = new ScriptedScreening({});
        const hitScreening = new ScriptedScreening({
          'karbala-pilgrim-services': [scriptedHit('karbala-pilgrim-services', 'x')],
          'karrada-realestate': [scriptedHit('karrada-realestate', 'y')],
        });
        const hits = new Set<string>();
        for (const step of actions) {
          nowUs += 1_000_000n;
          const at = (actor: string) => ctx(nowUs, actor, 'property test step with a reason');
          try {
            if (step.type === 'advance') nowUs += BigInt(step.days) * dayUs;
            else if (step.type === 'create') {
              const channel = channels[step.channel]!;
              const id = `R${run}-${created.length}`;
              // Sometimes one invoice document backs several payments to different payees: a split by document.
              const bytes = (kind: string) =>
                step.sharedInvoice && kind === 'service-invoice'
                  ? `shared invoice ${run}`
                  : `${id} ${kind}`;
              const documents = await Promise.all(
                channel.documents.slice(step.missingDocument ? 1 : 0).map(async (kind) => ({
                  kind,
                  sha256: await storeDocument(t.store, Buffer.from(bytes(kind))),
                })),
              );
              const valueDate = addDays(
                dateOfInstantUs(nowUs, 'Asia/Baghdad'),
                step.valueDateOffsetDays,
              );
              const input = parseDisbursementInput({
                disbursementId: id,
                programmeId,
                channelId: channel.channelId,
                payeePartyId: channel.payeePartyId,
                amount: `${step.amountUsd}.00`,
                currency: 'USD',
                valueDate,
                purpose: 'property test payment',
                beneficiaryAccount: accountFor(channel.payeePartyId),
              });
              await createDisbursement(t.store, { ...input, documents }, at('maker'));
              created.push(id);
              if (step.hit) hits.add(id);
            } else if (step.type === 'next') {
              const id = created[created.length - 1 - (step.target % Math.max(created.length, 1))];
              if (id === undefined) continue;
              const status = (await t.store.disbursements.get(id))!.status;
              const next: Record<string, [string, string] | undefined> = {
                draft: ['submit', 'maker'],
                compliance_review: ['clear', 'compliance'],
                approval: step.second ? ['approve', 'approver.two'] : ['approve', 'approver.one'],
                funds_reserved: ['instruct', 'treasury'],
                instructed: ['execute', 'treasury'],
              };
              const [kind, actor] = next[status] ?? ['submit', 'maker'];
              const c = at(actor);
              if (kind === 'submit')
                await submitDisbursement(t.store, id, c, hits.has(id) ? hitScreening : screening);
              if (kind === 'clear') await clearCompliance(t.store, id, c);
              if (kind === 'approve') {
                // Approve, and once approvals are complete, reserve.
                try {
                  await approveDisbursement(t.store, id, c);
                } catch (error) {
                  if (!(error instanceof DomainError) || error.code !== 'approval.already_complete')
                    throw error;
                  await reserveFunds(t.store, id, at('treasury'), screening);
                }
              }
              if (kind === 'instruct') await instructBank(t.store, id, c, screening);
              if (kind === 'execute')
                await recordExecution(t.store, id, `BANK-${id}`, c, screening);
            } else {
              const id = created[step.target % Math.max(created.length, 1)];
              if (id === undefined) continue;
              const c = at(step.actor);
              if (step.type === 'submit')
                await submitDisbursement(t.store, id, c, hits.has(id) ? hitScreening : screening);
              if (step.type === 'clear') await clearCompliance(t.store, id, c);
              if (step.type === 'approve') await approveDisbursement(t.store, id, c);
              if (step.type === 'reserve') await reserveFunds(t.store, id, c, screening);
              if (step.type === 'instruct') await instructBank(t.store, id, c, screening);
              if (step.type === 'execute')
                await recordExecution(t.store, id, `BANK-${id}`, c, screening);
              if (step.type === 'cancel') await cancelDisbursement(t.store, id, c);
              if (step.type === 'reject') await rejectDisbursement(t.store, id, c);
            }
            await sweepWaiverLapses(t.store, ctx(nowUs, 'ops.admin', 'sweep'));
          } catch (error) {
            // Refusals are the point; anything else (an invariant, a SQL error) fails the property.
            if (!(error instanceof DomainError)) throw error;
          }
          // Statuses seen along the way (not only at the end) show how far the generator gets.
          for (const id of created.slice(-4))
            reached.add((await t.store.disbursements.get(id))!.status);
        }
        for (const id of created) reached.add((await t.store.disbursements.get(id))!.status);
        await checkInvariants(t.store);
      }),
      { numRuns: 25, seed: 20_210_701 },
    );
    // The generator must actually reach the interesting states, or the property proves little.
    expect([...reached]).toEqual(expect.arrayContaining(['funds_reserved', 'executed']));
    expect(
      [...reached].some((status) => ['cancelled', 'rejected', 'expired'].includes(status)),
    ).toBe(true);
  }, 240_000);
});

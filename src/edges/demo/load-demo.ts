// `qanat start` on an empty store: the reference programme plus the invented demo data set in
// programmes/demo/, driven through the same use cases as the CLI. Only ever run on a store with
// no programme, so a second start changes nothing.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { ActorContext } from '../../app/kernel/actor-context.js';
import { parseAmountMinor } from '../../core/money/amount.js';
import { addDays } from '../../core/programme/calendar-date.js';
import { dateOfInstantUs } from '../../core/programme/day-boundary.js';
import { loadProgramme } from '../../core/programme/load-programme.js';
import { seedUsers } from '../../app/programme-service/role-changes.js';
import { parseGrants } from '../../core/identity/role-change-rules.js';
import { decideHit } from '../../app/screening-service/decide-hit.js';
import { partiesForSubjects } from '../../app/screening-service/engine-screening-port.js';
import { disbursementSubjects } from '../../app/disbursement/screened-step.js';
import { currentProgramme } from '../../app/kernel/current-programme.js';
import { proposeProgrammeVersion } from '../../app/programme-service/propose-programme-version.js';
import { approveConfigurationProposal } from '../../app/programme-service/decide-configuration-proposal.js';
import { proposeWaiver } from '../../app/waivers/propose-waiver.js';
import { importCsvText } from '../../app/money-in/import-csv.js';
import { issueInvoiceFromDeliveries, recordCreditNote } from '../../app/money-in/issue-invoice.js';
import { parseDisbursementInput } from '../../app/disbursement/disbursement-input.js';
import { createDisbursement } from '../../app/disbursement/create-disbursement.js';
import { storeDocument } from '../../app/disbursement/attach-document.js';
import { submitDisbursement } from '../../app/disbursement/submit-disbursement.js';
import {
  approveDisbursement,
  clearCompliance,
  rejectDisbursement,
} from '../../app/disbursement/review-actions.js';
import { reserveFunds } from '../../app/disbursement/reserve-funds.js';
import { instructBank, recordExecution } from '../../app/disbursement/instruct-and-execute.js';
import type { ScreeningPort } from '../../app/ports/screening-port.js';
import type { Store } from '../../app/ports/store-port.js';
import type { Clock } from '../../core/time/clock.js';

const manifestSchema = z.strictObject({
  description: z.string(),
  programme: z.string(),
  /** bootstrapped: the first names the second; together they grant every other user four-eyes */
  administrators: z.tuple([z.string(), z.string()]),
  users: z.record(z.string(), z.array(z.string())),
  waiverHistory: z.string(),
  currentWaiver: z.strictObject({
    comment: z.string(),
    startedDaysAgo: z.number().int().min(0),
    lengthDays: z.number().int().min(1),
    waiver: z.record(z.string(), z.unknown()),
  }),
  deliveries: z.string(),
  deposits: z.string(),
  invoices: z.array(
    z.strictObject({
      invoiceId: z.string(),
      supplierPartyId: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
    }),
  ),
  creditNotes: z.array(
    z.strictObject({
      creditNoteId: z.string(),
      invoiceId: z.string(),
      amount: z.string(),
      reason: z.string(),
      issuedOn: z.string(),
    }),
  ),
  disbursements: z.array(z.strictObject({ file: z.string(), steps: z.array(z.string()) })),
});

/** The two demo users who propose and approve the demo's configuration. */
export const demoConfigurationUsers = {
  proposer: 'demo.admin',
  approver: 'demo.overseer',
} as const;

export interface DemoSummary {
  readonly programmeId: string;
  readonly disbursements: readonly { readonly disbursementId: string; readonly status: string }[];
}

function readManifest(manifestPath: string) {
  return manifestSchema.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
}

/** The demo's users, bootstrapped as a real deployment would be; a no-op once an administrator exists. */
export async function seedDemoUsers(
  store: Store,
  clock: Clock,
  manifestPath: string,
): Promise<void> {
  if ((await store.users.administratorIds()).length > 0) return;
  const manifest = readManifest(manifestPath);
  const grants = Object.fromEntries(
    Object.entries(manifest.users).map(([userId, roles]) => [userId, parseGrants(roles)]),
  );
  await seedUsers(store, manifest.administrators, grants, (actor) => ({
    actor,
    reason: 'demo: workflow users',
    nowUs: clock.nowUs(),
  }));
}

export async function loadDemo(
  store: Store,
  clock: Clock,
  screening: ScreeningPort,
  manifestPath: string,
): Promise<DemoSummary> {
  const base = dirname(manifestPath);
  const read = (path: string): string => readFileSync(resolve(base, path), 'utf8');
  const manifest = manifestSchema.parse(JSON.parse(read(manifestPath)));
  const as = (actor: string, reason: string): ActorContext => ({
    actor,
    reason,
    nowUs: clock.nowUs(),
  });

  const programmeJson: unknown = JSON.parse(read(manifest.programme));
  const programme = loadProgramme(programmeJson);
  const programmeId = programme.programmeId;
  await seedDemoUsers(store, clock, manifestPath);
  // Configuration is four-eyes: the administrator proposes, the overseer approves (a first
  // version sets the legal basis, which only the overseer may approve).
  const proposed = await proposeProgrammeVersion(
    store,
    programmeJson,
    as(demoConfigurationUsers.proposer, 'demo: reference programme'),
  );
  if (proposed.status !== 'unchanged')
    await approveConfigurationProposal(
      store,
      proposed.proposal.proposalId,
      as(demoConfigurationUsers.approver, 'demo: reference programme reviewed'),
    );
  const recordWaiver = async (waiver: unknown, reason: string): Promise<void> => {
    const result = await proposeWaiver(
      store,
      programmeId,
      waiver,
      as(demoConfigurationUsers.proposer, reason),
    );
    if (result.status !== 'unchanged')
      await approveConfigurationProposal(
        store,
        result.proposal.proposalId,
        as(demoConfigurationUsers.approver, `${reason}: reviewed`),
      );
  };

  const history = (JSON.parse(read(manifest.waiverHistory)) as { waivers: unknown[] }).waivers;
  for (const waiver of history) await recordWaiver(waiver, 'demo: illustrative waiver history');
  // The current waiver is re-dated to today so the demo's reservations are covered whenever it runs.
  const today = dateOfInstantUs(clock.nowUs(), programme.timeZone);
  const validFrom = addDays(today, -manifest.currentWaiver.startedDaysAgo);
  const current = {
    ...manifest.currentWaiver.waiver,
    issuedOn: addDays(validFrom, -1),
    validFrom,
    validUntil: addDays(validFrom, manifest.currentWaiver.lengthDays - 1),
  };
  await recordWaiver(current, 'demo: current waiver');

  await importCsvText(
    store,
    'deliveries',
    programmeId,
    read(manifest.deliveries),
    { partial: false },
    as('demo.loader', 'demo: metered deliveries'),
  );
  await importCsvText(
    store,
    'deposits',
    programmeId,
    read(manifest.deposits),
    { partial: false },
    as('demo.loader', 'demo: deposits into the escrow'),
  );
  for (const invoice of manifest.invoices)
    await issueInvoiceFromDeliveries(
      store,
      programmeId,
      invoice,
      as('demo.loader', 'demo: monthly invoice'),
    );
  for (const note of manifest.creditNotes) {
    const amountMinor = parseAmountMinor(note.amount, programme.settlementCurrency, {
      field: 'amount',
    });
    await recordCreditNote(
      store,
      programmeId,
      {
        creditNoteId: note.creditNoteId,
        invoiceId: note.invoiceId,
        amountMinor,
        reason: note.reason,
        issuedOn: note.issuedOn,
      },
      as('demo.loader', 'demo: credit note'),
    );
  }

  const disbursements = [];
  for (const entry of manifest.disbursements) {
    // Value dates, like the current waiver, are re-dated to the day the demo is loaded (a week on).
    const parsed = parseDisbursementInput(JSON.parse(read(entry.file)));
    const input = { ...parsed, request: { ...parsed.request, valueDate: addDays(today, 7) } };
    const documents = [];
    for (const document of input.documents) {
      documents.push(
        'sha256' in document
          ? document
          : {
              kind: document.kind,
              sha256: await storeDocument(store, readFileSync(resolve(base, document.path))),
            },
      );
    }
    const id = input.disbursementId;
    let record = (
      await createDisbursement(
        store,
        { ...input, documents },
        as('demo.maker', 'demo: request prepared by the maker'),
      )
    ).record;
    for (const step of entry.steps) {
      const [name, user] = step.split(':');
      switch (name) {
        case 'submit':
          record = await submitDisbursement(
            store,
            id,
            as('demo.maker', 'demo: submitted with all documents'),
            screening,
          );
          break;
        case 'clear':
          // only a payee the screening engine raised hits on waits for compliance; a clean one is already in approval
          if (record.status === 'compliance_review') {
            // the officer decides each open hit on the payment's parties (payee, owners, bank), then clears
            const { programme: current } = await currentProgramme(store, programmeId);
            const partyIds = partiesForSubjects(disbursementSubjects(current, record.request)).map(
              (party) => party.partyId,
            );
            for (const hit of await store.screening.activeHitsForParties(partyIds)) {
              if (hit.status === 'open')
                await decideHit(
                  store,
                  { hitId: hit.hitId, decision: 'false_positive' },
                  as('demo.compliance', 'demo: payee documents show a different person or company'),
                );
            }
          }
          if (record.status === 'compliance_review')
            record = await clearCompliance(
              store,
              id,
              as(
                'demo.compliance',
                'demo: hits reviewed against the payee documents: not the listed party',
              ),
            );
          break;
        case 'approve':
          record = await approveDisbursement(
            store,
            id,
            as(user ?? 'demo.approver1', 'demo: approved after review of the documents'),
          );
          break;
        case 'reserve':
          record = await reserveFunds(
            store,
            id,
            as('demo.treasury', 'demo: reserve funds under the current waiver'),
            screening,
          );
          break;
        case 'instruct':
          record = await instructBank(
            store,
            id,
            as('demo.treasury', 'demo: payment instruction sent to TBI'),
            screening,
          );
          break;
        case 'execute':
          record = await recordExecution(
            store,
            id,
            `TBI-DEMO-${id}`,
            as('demo.treasury', 'demo: TBI confirmed execution'),
            screening,
          );
          break;
        case 'reject':
          // compliance rejects during review; once in approval, an approver does
          record = await rejectDisbursement(
            store,
            id,
            as(
              record.status === 'compliance_review' ? 'demo.compliance' : 'demo.approver1',
              'demo: the landlord could not document the lease renewal',
            ),
          );
          break;
        default:
          throw new Error(`demo step "${step}" is not known`);
      }
    }
    disbursements.push({ disbursementId: id, status: record.status });
  }
  return { programmeId, disbursements };
}

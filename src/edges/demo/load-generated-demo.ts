// `qanat start` on an empty store: five years of the reference programme generated from a seed
// (demo-plan.ts) and replayed through the use cases a user drives, each at its own date: the
// clock handed to every step is set to the event's day, so the history is dated as it happened.
import { readFileSync } from 'node:fs';
import type { ActorContext } from '../../app/kernel/actor-context.js';
import { addDays } from '../../core/programme/calendar-date.js';
import { dateOfInstantUs, startOfDayUs } from '../../core/programme/day-boundary.js';
import { seedUsers } from '../../app/programme-service/role-changes.js';
import { parseGrants } from '../../core/identity/role-change-rules.js';
import { decideHit } from '../../app/screening-service/decide-hit.js';
import { partiesForSubjects } from '../../app/screening-service/engine-screening-port.js';
import { disbursementSubjects } from '../../app/disbursement/screened-step.js';
import { currentProgramme } from '../../app/kernel/current-programme.js';
import { proposeProgrammeVersion } from '../../app/programme-service/propose-programme-version.js';
import { approveConfigurationProposal } from '../../app/programme-service/decide-configuration-proposal.js';
import { proposeWaiver } from '../../app/waivers/propose-waiver.js';
import { sweepWaiverLapses } from '../../app/waivers/sweep-waiver-lapses.js';
import { importCsvText } from '../../app/money-in/import-csv.js';
import { issueInvoiceFromDeliveries } from '../../app/money-in/issue-invoice.js';
import { parseDisbursementInput } from '../../app/disbursement/disbursement-input.js';
import { createDisbursement } from '../../app/disbursement/create-disbursement.js';
import { storeDocument } from '../../app/disbursement/attach-document.js';
import { submitDisbursement } from '../../app/disbursement/submit-disbursement.js';
import {
  approveDisbursement,
  cancelDisbursement,
  clearCompliance,
  recordNonObjection,
  rejectDisbursement,
} from '../../app/disbursement/review-actions.js';
import { reserveFunds } from '../../app/disbursement/reserve-funds.js';
import { instructBank, recordExecution } from '../../app/disbursement/instruct-and-execute.js';
import { returnDisbursement } from '../../app/disbursement/return-disbursement.js';
import type { ScreeningPort } from '../../app/ports/screening-port.js';
import type { Store } from '../../app/ports/store-port.js';
import type { DisbursementRecord } from '../../app/ports/programme-ports.js';
import type { Clock } from '../../core/time/clock.js';
import { exportInstructionRun } from '../../app/bank/export-instructions.js';
import { importBankFile } from '../../app/bank/import-bank-file.js';
import { simulateCamt054, simulatePain002 } from '../../app/bank/custodian-simulator.js';
import { isoAmountFromMinor } from '../../app/bank/iso-amount.js';
import { isoDateTimeIn } from '../../app/bank/iso-date-time.js';
import { defaultDemoSeed, planDemo, type DemoEvent, type DemoStep } from './demo-plan.js';

/** Bootstrapped: the first names the second; together they grant every other user four-eyes. */
export const demoAdministrators = ['demo.admin', 'demo.admin2'] as const;
/** One user per role (and the loader, who keys in the money-in files). */
export const demoUsers: Readonly<Record<string, readonly string[]>> = {
  'demo.loader': ['administrator', 'operator'],
  'demo.maker': ['operator'],
  'demo.approver1': ['approver'],
  'demo.approver2': ['approver'],
  'demo.compliance': ['compliance_officer'],
  'demo.treasury': ['treasury'],
  'demo.overseer': ['overseer'],
  'demo.creditor': ['creditor_representative'],
  // the server's schedule sweeps (treasury) and imports the list inbox (compliance) as this user
  // (src/app/scheduler); it never signs in
  'system.scheduler': ['treasury', 'compliance_officer'],
};
/** the users who sign in, each with a one-time password printed at the first start */
export const demoUserIds = [
  ...demoAdministrators,
  ...Object.keys(demoUsers).filter((userId) => userId !== 'system.scheduler'),
];

export interface GeneratedDemoSummary {
  readonly programmeId: string;
  readonly firstDay: string;
  readonly events: number;
  readonly disbursements: readonly { readonly disbursementId: string; readonly status: string }[];
}

/** The demo's users, bootstrapped as a real deployment would be; a no-op once an administrator exists. */
export async function seedGeneratedDemoUsers(store: Store, clock: Clock): Promise<void> {
  if ((await store.users.administratorIds()).length > 0) return;
  const grants = Object.fromEntries(
    Object.entries(demoUsers).map(([userId, roles]) => [userId, parseGrants([...roles])]),
  );
  await seedUsers(store, [...demoAdministrators], grants, (actor) => ({
    actor,
    reason: 'demo: workflow users',
    nowUs: clock.nowUs(),
  }));
}

/**
 * A clock that stands at one day of the history: 09:00 in Baghdad, moving one second per
 * reading so every event has its own instant in order.
 */
class HistoryClock implements Clock {
  private currentUs = 0n;
  constructor(private readonly timeZone: string) {}
  moveTo(date: string): void {
    const morningUs = startOfDayUs(date, this.timeZone) + 9n * 3_600_000_000n;
    if (morningUs > this.currentUs) this.currentUs = morningUs;
  }
  nowUs(): bigint {
    this.currentUs += 1_000_000n;
    return this.currentUs;
  }
}

export async function loadGeneratedDemo(
  store: Store,
  clock: Clock,
  screening: ScreeningPort,
  referencePath: string,
  options: { seed?: number; secondProgrammePath?: string } = {},
): Promise<GeneratedDemoSummary> {
  const reference = JSON.parse(readFileSync(referencePath, 'utf8')) as Record<string, unknown>;
  const second = options.secondProgrammePath
    ? (JSON.parse(readFileSync(options.secondProgrammePath, 'utf8')) as Record<string, unknown>)
    : undefined;
  const timeZone = String(reference.timeZone);
  const today = dateOfInstantUs(clock.nowUs(), timeZone);
  const plan = planDemo(reference, today, options.seed ?? defaultDemoSeed, second);
  const history = new HistoryClock(timeZone);
  history.moveTo(addDays(plan.firstDay, -60));
  await seedGeneratedDemoUsers(store, history);
  const driver = new DemoDriver(store, history, screening, plan.programmeId);
  for (const event of plan.events) {
    history.moveTo(event.on);
    await driver.run(event);
  }
  const disbursements = (await store.disbursements.list(plan.programmeId, { limit: 1_000 })).map(
    (record) => ({ disbursementId: record.disbursementId, status: record.status }),
  );
  return {
    programmeId: plan.programmeId,
    firstDay: plan.firstDay,
    events: plan.events.length,
    disbursements,
  };
}

class DemoDriver {
  private readonly records = new Map<string, DisbursementRecord>();
  /** the pain.001 run each disbursement went out in */
  private readonly runs = new Map<string, string>();
  constructor(
    private readonly store: Store,
    private readonly clock: HistoryClock,
    private readonly screening: ScreeningPort,
    private readonly programmeId: string,
  ) {}

  private as(actor: string, reason: string): ActorContext {
    return { actor, reason, nowUs: this.clock.nowUs() };
  }

  private async approveConfiguration(proposalId: string, reason: string): Promise<void> {
    await approveConfigurationProposal(
      this.store,
      proposalId,
      this.as('demo.overseer', `${reason}: reviewed`),
    );
  }

  async run(event: DemoEvent): Promise<void> {
    const store = this.store;
    switch (event.kind) {
      case 'programme': {
        const proposed = await proposeProgrammeVersion(
          store,
          event.file,
          this.as('demo.admin', event.reason),
        );
        if (proposed.status !== 'unchanged')
          await this.approveConfiguration(proposed.proposal.proposalId, event.reason);
        return;
      }
      case 'waiver': {
        const reason = `demo: waiver ${String(event.waiver.waiverId)}`;
        const proposed = await proposeWaiver(
          store,
          event.programmeId ?? this.programmeId,
          event.waiver,
          this.as('demo.admin', reason),
        );
        if (proposed.status !== 'unchanged')
          await this.approveConfiguration(proposed.proposal.proposalId, reason);
        return;
      }
      case 'deliveries':
        await importCsvText(
          store,
          'deliveries',
          event.programmeId ?? this.programmeId,
          event.csv,
          { partial: false },
          this.as('demo.loader', 'demo: metered deliveries of the month'),
        );
        return;
      case 'deposits':
        await importCsvText(
          store,
          'deposits',
          event.programmeId ?? this.programmeId,
          event.csv,
          { partial: false },
          this.as('demo.treasury', 'demo: deposits credited by TBI'),
        );
        return;
      case 'invoice':
        await issueInvoiceFromDeliveries(
          store,
          event.programmeId ?? this.programmeId,
          {
            invoiceId: event.invoiceId,
            supplierPartyId: event.supplierPartyId,
            periodStart: event.periodStart,
            periodEnd: event.periodEnd,
          },
          this.as('demo.creditor', 'demo: monthly invoice'),
        );
        return;
      case 'sweep':
        await sweepWaiverLapses(store, this.as('demo.treasury', 'demo: scheduled waiver sweep'));
        return;
      case 'disbursement': {
        const parsed = parseDisbursementInput(event.input);
        const documents = [];
        for (const document of event.documents)
          documents.push({
            kind: document.kind,
            sha256: await storeDocument(store, Buffer.from(document.text, 'utf8')),
          });
        const created = await createDisbursement(
          store,
          { ...parsed, documents },
          this.as('demo.maker', 'demo: request prepared by the maker'),
        );
        this.records.set(parsed.disbursementId, created.record);
        return;
      }
      case 'step':
        this.records.set(event.disbursementId, await this.step(event.disbursementId, event.step));
        return;
    }
  }

  private async step(id: string, step: DemoStep): Promise<DisbursementRecord> {
    const { store, screening } = this;
    const record = this.records.get(id)!;
    switch (step) {
      case 'submit':
        return submitDisbursement(
          store,
          id,
          this.as('demo.maker', 'demo: submitted with all documents'),
          screening,
        );
      case 'clear':
        if (record.status !== 'compliance_review') return record;
        await this.decideOpenHits(
          record,
          'false_positive',
          'demo: documents show a different person or company of a common name',
        );
        return clearCompliance(
          store,
          id,
          this.as(
            'demo.compliance',
            'demo: hits reviewed against the payee documents: not the listed party',
          ),
        );
      case 'true-match':
        await this.decideOpenHits(
          record,
          'true_match',
          'demo: the declared owner is the listed party, written in another spelling or script',
        );
        return record;
      case 'reject':
        return rejectDisbursement(
          store,
          id,
          this.as(
            record.status === 'compliance_review' ? 'demo.compliance' : 'demo.approver1',
            record.status === 'compliance_review'
              ? 'demo: payee or owner is a listed party'
              : 'demo: the invoice does not match the lease on file',
          ),
        );
      case 'cancel':
        return cancelDisbursement(
          store,
          id,
          this.as('demo.maker', 'demo: the supplier withdrew its offer'),
        );
      case 'approve:demo.approver1':
      case 'approve:demo.approver2':
        return approveDisbursement(
          store,
          id,
          this.as(step.slice('approve:'.length), 'demo: approved after review of the documents'),
        );
      case 'non-objection':
        return recordNonObjection(
          store,
          id,
          `Illustrative: overseer non-objection for ${id}`,
          this.as('demo.overseer', 'demo: no objection to the payment'),
        );
      case 'reserve':
        return reserveFunds(
          store,
          id,
          this.as('demo.treasury', 'demo: funds reserved under the waiver in force'),
          screening,
        );
      case 'instruct':
        return instructBank(
          store,
          id,
          this.as('demo.treasury', 'demo: payment instruction sent to TBI'),
          screening,
        );
      case 'execute':
        return recordExecution(
          store,
          id,
          `TBI-${id}`,
          this.as('demo.treasury', 'demo: TBI confirmed execution'),
          screening,
        );
      case 'export': {
        const exported = await exportInstructionRun(
          store,
          record.programmeId,
          this.as('demo.treasury', 'demo: instruction run sent to TBI'),
        );
        for (const disbursementId of exported.disbursementIds)
          this.runs.set(disbursementId, exported.run.messageId);
        return record;
      }
      case 'bank-accept':
      case 'bank-book':
        await this.bankAnswer(record, step === 'bank-book');
        return (await store.disbursements.get(id)) ?? record;
      case 'return':
        return returnDisbursement(
          store,
          id,
          { bankReference: `TBI-RTN-${id}`, reasonCode: 'AC04' },
          this.as(
            'demo.treasury',
            'demo: the beneficiary bank returned the payment: account closed',
          ),
        );
    }
  }

  /** TBI's answer to a run, as the custodian simulator writes it: acceptance, or the debit booking. */
  private async bankAnswer(record: DisbursementRecord, booked: boolean): Promise<void> {
    const runId = this.runs.get(record.disbursementId);
    if (!runId) throw new Error(`demo: ${record.disbursementId} was not exported`);
    const { programme } = await currentProgramme(this.store, record.programmeId);
    const payment = (await this.store.bank.paymentsOfRun(runId)).find(
      (entry) => entry.disbursementId === record.disbursementId,
    )!;
    const context = this.as(
      'demo.treasury',
      booked ? 'demo: debit notification from TBI' : 'demo: status report from TBI',
    );
    const createdAt = isoDateTimeIn(context.nowUs, programme.timeZone);
    const tag = `${createdAt.slice(0, 10).replace(/-/g, '')}-${record.disbursementId}`;
    const amountText = isoAmountFromMinor(payment.amountMinor, payment.currency);
    const file = booked
      ? simulateCamt054({
          messageId: `TBI-NTF-${tag}`,
          createdAt,
          accountIban: programme.escrowAccount.iban,
          bookings: [
            {
              endToEndId: payment.endToEndId,
              uetr: payment.uetr,
              amountText,
              currency: payment.currency,
              bankReference: `TBI-${tag}`,
              bookingDate: createdAt.slice(0, 10),
            },
          ],
        })
      : simulatePain002({
          messageId: `TBI-STS-${tag}`,
          createdAt,
          originalMessageId: runId,
          originalPaymentInformationId: `${runId}-001`,
          debtorIban: programme.escrowAccount.iban,
          custodianBic: programme.escrowAccount.bic,
          statuses: [
            {
              endToEndId: payment.endToEndId,
              uetr: payment.uetr,
              amountText,
              currency: payment.currency,
              status: 'ACCP',
            },
          ],
        });
    await importBankFile(
      this.store,
      record.programmeId,
      Buffer.from(file),
      context,
      this.screening,
    );
  }

  private async decideOpenHits(
    record: DisbursementRecord,
    decision: 'true_match' | 'false_positive',
    reason: string,
  ): Promise<void> {
    const { programme } = await currentProgramme(this.store, record.programmeId);
    const partyIds = partiesForSubjects(disbursementSubjects(programme, record.request)).map(
      (party) => party.partyId,
    );
    for (const hit of await this.store.screening.activeHitsForParties(partyIds)) {
      if (hit.status === 'open')
        await decideHit(
          this.store,
          { hitId: hit.hitId, decision },
          this.as('demo.compliance', reason),
        );
    }
  }
}

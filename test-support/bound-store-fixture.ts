// A store in which every table holds rows written by the application: the programme, money in,
// a disbursement run to execution and one reserved, waiver warnings, a small real UN list with a
// hit and its decision, documents, resolutions and signed checkpoints. The tamper test edits,
// deletes and copies a row of each table of the live schema; a table this leaves empty fails it.
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import type { CheckpointSigner } from '../src/core/audit/checkpoint.js';
import { createCheckpoint } from '../src/app/audit-service/create-checkpoint.js';
import { ScriptedScreening } from '../src/app/disbursement/scripted-screening.js';
import { submitDisbursement } from '../src/app/disbursement/submit-disbursement.js';
import { approveDisbursement } from '../src/app/disbursement/review-actions.js';
import { reserveFunds } from '../src/app/disbursement/reserve-funds.js';
import { instructBank, recordExecution } from '../src/app/disbursement/instruct-and-execute.js';
import { importCsvText } from '../src/app/money-in/import-csv.js';
import { acceptHeldDeposit } from '../src/app/money-in/held-deposits.js';
import {
  listNotifications,
  markNotificationsRead,
  setNotificationContact,
} from '../src/app/notifications/notification-service.js';
import { issueInvoiceFromDeliveries, recordCreditNote } from '../src/app/money-in/issue-invoice.js';
import { loadListPath, type LoadedList } from '../src/adapters/lists/load-list-path.js';
import { entryHashes } from '../src/core/screening/snapshot/snapshot-delta.js';
import { runListImportJob } from '../src/app/screening-service/list-import-jobs.js';
import { InProcessJobLease } from '../src/app/scheduler/scheduled-sweeps.js';
import { screenParties } from '../src/app/screening-service/screen-parties.js';
import { decideHit } from '../src/app/screening-service/decide-hit.js';
import { ScreeningIndexCache } from '../src/app/screening-service/screening-index-cache.js';
import { sweepWaiverLapses } from '../src/app/waivers/sweep-waiver-lapses.js';
import type { Store } from '../src/app/ports/store-port.js';
import { exportInstructionRun } from '../src/app/bank/export-instructions.js';
import { importBankFile } from '../src/app/bank/import-bank-file.js';
import { simulateCamt054 } from '../src/app/bank/custodian-simulator.js';
import { endToEndIdFor, uetrFor } from '../src/app/bank/payment-identifiers.js';
import {
  createApiToken,
  issueCredentials,
  login,
} from '../src/edges/http/auth/identity-service.js';
import { defaultAuthSettings } from '../src/edges/http/auth/auth-settings.js';
import { parseInstant } from '../src/core/time/instant.js';
import {
  createPilgrimPayment,
  ctx,
  deliveriesCsv,
  mayMorningUs,
  programmeId,
  seedProgramme,
} from './programme-fixtures.js';
import { repoRoot } from './shared-data.js';

const listedEntriesKept = 40;

/** The shipped UN list cut to a few entries around one listed person, so the fixture stays fast. */
async function smallUnList(): Promise<LoadedList> {
  const [un] = await loadListPath(`un-xml:${resolve(repoRoot, 'data', 'lists', 'un')}`);
  const listed = un!.entries.filter((entry) =>
    entry.names.some((name) => /Izzat Ibrahim/i.test(name.text)),
  );
  const entries = [
    ...listed,
    ...un!.entries.filter((entry) => !listed.includes(entry)).slice(0, listedEntriesKept),
  ];
  const content = createHash('sha256');
  for (const [entryId, hash] of [...entryHashes(entries)].sort(([a], [b]) => (a < b ? -1 : 1)))
    content.update(`${entryId} ${hash}\n`);
  return {
    source: un!.source,
    publishedAt: un!.publishedAt,
    contentSha256: content.digest('hex'),
    entries,
    warnings: [],
  };
}

export async function fillEveryTable(store: Store, signer: CheckpointSigner): Promise<void> {
  let nowUs = mayMorningUs;
  const at = (actor = 'ops.admin', reason = 'a reason that says why this step happens') =>
    ctx((nowUs += 60_000_000n), actor, reason);
  // payments to one payee are not aggregated here: the attacks act on single-approval requests
  await seedProgramme(store, nowUs, { controls: { aggregationWindowDays: 0 } });
  await importCsvText(store, 'deliveries', programmeId, deliveriesCsv, { partial: false }, at());
  await issueInvoiceFromDeliveries(
    store,
    programmeId,
    {
      invoiceId: 'NIGC-2021-03',
      supplierPartyId: 'ir-nigc',
      periodStart: '2021-03-01',
      periodEnd: '2021-03-31',
    },
    at(),
  );
  await recordCreditNote(
    store,
    programmeId,
    {
      creditNoteId: 'CN-1',
      invoiceId: 'NIGC-2021-03',
      amountMinor: 50_000_000n,
      reason: 'meter recalibration',
      issuedOn: '2021-04-10',
    },
    at(),
  );
  // two deposits held for their rate: one accepted by a second person, one still open
  const heldCsv = [
    'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source',
    'MOF-HELD-1,iq-mof,2021-05-09,1460000.000,IQD,USD,IQD,1300,TBI dealing ticket 5521',
    'MOF-HELD-2,iq-mof,2021-05-09,1460000.000,IQD,USD,IQD,14.60,CBI bulletin 2021-05-09',
  ].join('\n');
  await importCsvText(store, 'deposits', programmeId, heldCsv, { partial: false }, at('treasury'));
  await acceptHeldDeposit(
    store,
    programmeId,
    'MOF-HELD-1',
    at('approver.one', 'the ticket confirms the rate'),
  );
  await createCheckpoint(store, signer, nowUs);

  // approver.one wants notices e-mailed: the payments below fill the notices and the outbox
  await setNotificationContact(
    store,
    { emailAddress: 'approver.one@example.org', language: 'ar' },
    at('approver.one', 'my e-mail for notices'),
  );
  const clear = new ScriptedScreening();
  await createPilgrimPayment(store, 'PIL-1', '900000.00', (nowUs += 60_000_000n));
  await submitDisbursement(store, 'PIL-1', at('maker'), clear);
  await approveDisbursement(store, 'PIL-1', at('approver.one'));
  await reserveFunds(store, 'PIL-1', at('treasury'), new ScriptedScreening());
  await instructBank(store, 'PIL-1', at('treasury'), new ScriptedScreening());
  await recordExecution(store, 'PIL-1', 'TBI-REF-0001', at('treasury'), new ScriptedScreening());
  await createPilgrimPayment(store, 'PIL-2', '800000.00', (nowUs += 60_000_000n));
  await submitDisbursement(store, 'PIL-2', at('maker'), clear);
  await approveDisbursement(store, 'PIL-2', at('approver.one'));
  await reserveFunds(store, 'PIL-2', at('treasury'), new ScriptedScreening());
  await createPilgrimPayment(store, 'PIL-B', '100000.00', (nowUs += 60_000_000n));
  await submitDisbursement(store, 'PIL-B', at('maker'), clear);
  await approveDisbursement(store, 'PIL-B', at('approver.one'));
  await reserveFunds(store, 'PIL-B', at('treasury'), new ScriptedScreening());
  await instructBank(store, 'PIL-B', at('treasury'), new ScriptedScreening());
  // the bank's side: an instruction file, and a booking for the wrong amount (an exception)
  await exportInstructionRun(store, programmeId, at('treasury'));
  const booking = simulateCamt054({
    messageId: 'TBI-NTF-0001',
    createdAt: '2021-05-11T16:00:00+03:00',
    accountIban: 'IQ93TRIQ850000070707001',
    bookings: [
      {
        endToEndId: endToEndIdFor(programmeId, 'PIL-B'),
        uetr: uetrFor(programmeId, 'PIL-B'),
        amountText: '100000.01',
        currency: 'USD',
        bankReference: 'TBI-REF-3',
        bookingDate: '2021-05-11',
      },
    ],
  });
  await importBankFile(
    store,
    programmeId,
    new TextEncoder().encode(booking),
    at('treasury'),
    new ScriptedScreening(),
  );
  // a person's credentials, a signed-in session, a machine token and one idempotent answer
  const issued = await issueCredentials(
    store,
    'maker',
    [],
    'ops.admin',
    'sign-in for the maker',
    (nowUs += 60_000_000n),
  );
  await login(store, defaultAuthSettings, 'maker', issued.oneTimePassword, (nowUs += 1_000_000n));
  await createApiToken(
    store,
    defaultAuthSettings,
    'maker',
    { label: 'fixture', scopes: ['programme:read'], lifetimeDays: 30 },
    (nowUs += 1_000_000n),
  );
  await store.transaction(async (tx) => {
    await tx.identity.reserveIdempotency({
      userId: 'maker',
      key: 'fixture-key',
      requestSha256: '0'.repeat(64),
      statusCode: 0,
      responseJson: '',
      createdAtUs: nowUs,
    });
    await tx.identity.completeIdempotency('maker', 'fixture-key', 201, '{}');
  });

  const cache = new ScreeningIndexCache();
  // the list imported as a durable job, as an upload over HTTP makes it
  const un = await smallUnList();
  const jobClock = { nowUs: () => (nowUs += 1_000_000n) };
  const job = await runListImportJob(
    { store, cache, lease: new InProcessJobLease(), clock: jobClock },
    {
      jobId: 'li-fixture',
      origin: 'upload',
      requestedBy: 'ops.admin',
      reason: 'fixture: the UN list',
      files: ['consolidated.xml'],
      filesSha256: null,
    },
    async () => [un],
  );
  if (job.job.phase !== 'done')
    throw new Error(`fixture: the list import job ended ${job.job.phase}`);
  const screened = await screenParties(
    store,
    cache,
    [
      {
        partyId: 'p-izzat',
        kind: 'person',
        names: [{ text: 'Izzat Ibrahim Al-Douri' }],
        identifiers: [],
        beneficialOwnerIds: [],
      },
    ],
    at('maker'),
  );
  const hit = screened.parties[0]?.activeHits[0];
  if (!hit) throw new Error('fixture: the listed name raised no hit');
  await decideHit(
    store,
    { hitId: hit.hitId, decision: 'true_match' },
    at('compliance', 'the listed person himself, identity confirmed'),
  );

  const [notice] = (await listNotifications(store, 'approver.one', { unreadOnly: true, limit: 1 }))
    .items;
  if (!notice) throw new Error('fixture: the payments told approver.one of nothing');
  await markNotificationsRead(store, [notice.notificationId], at('approver.one', 'seen'));
  nowUs = parseInstant('2021-07-10T09:00:00+03:00', 'warning');
  await sweepWaiverLapses(store, at('ops.admin', 'daily waiver sweep'));
  await createCheckpoint(store, signer, (nowUs += 1n));
}

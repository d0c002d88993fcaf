// The reference programme in a test store: loaded, with users, waivers, money in, and helpers to
// drive disbursements. Every store test of issue 3 starts here, on SQLite and PostgreSQL alike.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ActorContext } from '../src/app/kernel/actor-context.js';
import { seedUsers } from '../src/app/programme-service/role-changes.js';
import { parseGrants } from '../src/core/identity/role-change-rules.js';
import { proposeProgrammeVersion } from '../src/app/programme-service/propose-programme-version.js';
import { approveConfigurationProposal } from '../src/app/programme-service/decide-configuration-proposal.js';
import { proposeWaiver } from '../src/app/waivers/propose-waiver.js';
import { importCsvText } from '../src/app/money-in/import-csv.js';
import { storeDocument } from '../src/app/disbursement/attach-document.js';
import { createDisbursement } from '../src/app/disbursement/create-disbursement.js';
import { parseDisbursementInput } from '../src/app/disbursement/disbursement-input.js';
import type { Store } from '../src/app/ports/store-port.js';
import { parseInstant } from '../src/core/time/instant.js';
import { repoRoot } from './shared-data.js';

export const programmeId = 'iraq-iran-energy';
/** 10 May 2021, 09:00 in Baghdad: inside waiver w-2021-03 (26 March – 23 July 2021). */
export const mayMorningUs = parseInstant('2021-05-10T09:00:00+03:00', 'mayMorning');
export const dayUs = 86_400_000_000n;

export function ctx(
  nowUs: bigint,
  actor = 'ops.admin',
  reason = 'test step with a reason long enough',
): ActorContext {
  return { actor, reason, nowUs };
}

export function referenceProgrammeJson(): unknown {
  return JSON.parse(readFileSync(resolve(repoRoot, 'programmes', 'iraq-iran-energy.json'), 'utf8'));
}

export function exampleWaivers(): unknown[] {
  return (
    JSON.parse(
      readFileSync(
        resolve(repoRoot, 'programmes', 'iraq-iran-energy.waivers.example.json'),
        'utf8',
      ),
    ) as { waivers: unknown[] }
  ).waivers;
}

/** Bootstrapped first: the first names the second, then they grant everyone below four-eyes. */
export const bootstrapAdministrators = ['root.admin', 'root.admin2'] as const;

export const users = {
  // the tests' housekeeping user: loads programmes, records waivers and money in, imports lists, reserves
  'ops.admin': ['administrator', 'operator', 'treasury', 'compliance_officer'],
  maker: ['operator'],
  'approver.one': ['approver'],
  'approver.two': ['approver'],
  'approver.three': ['approver'],
  compliance: ['compliance_officer'],
  treasury: ['treasury'],
  overseer: ['overseer'],
  // configuration is four-eyes: an administrator proposes, the overseer approves
  'config.admin': ['administrator'],
  'config.overseer': ['overseer'],
} as const;

export const depositsCsv = [
  'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source',
  'MOF-2021-001,iq-mof,2021-04-01,250000000.00,USD,,,,',
  'MOF-2021-002,iq-mof,2021-04-15,146000000000.000,IQD,USD,IQD,1460,CBI official rate bulletin 2021-04-15',
].join('\n');

export const deliveriesCsv = [
  'supplier_id,commodity,period_start,period_end,quantity,unit,reference',
  'ir-nigc,gas,2021-03-01,2021-03-31,1000000000,m3,Naftshahr',
  'ir-tavanir,electricity,2021-03-01,2021-03-31,500000.000,MWh,Diyala 400kV',
].join('\n');

/** The users above, bootstrapped and granted four-eyes as a deployment would be. */
export async function seedTestUsers(
  store: Store,
  nowUs = mayMorningUs,
  extra: Readonly<Record<string, readonly string[]>> = {},
): Promise<void> {
  const grants = Object.fromEntries(
    Object.entries({ ...users, ...extra }).map(([userId, roles]) => [userId, parseGrants(roles)]),
  );
  await seedUsers(store, bootstrapAdministrators, grants, (actor) =>
    ctx(nowUs, actor, 'test users granted four-eyes'),
  );
}

/** What the creditor is owed before any test pays: 24.5M (gas, Dec 2020) + 87M (power, Feb 2021). */
export const seedInvoicesCsv = [
  'invoice_id,supplier_id,commodity,period_start,period_end,quantity,unit,currency,amount',
  'NIGC-2020-12,ir-nigc,gas,2020-12-01,2020-12-31,100000000,m3,USD,24500000.00',
  'TAVANIR-2021-02,ir-tavanir,electricity,2021-02-01,2021-02-28,1000000,MWh,USD,87000000.00',
].join('\n');
export const seedInvoicedMinor = 11_150_000_000n;

/**
 * The two people a configuration change needs: an administrator proposes, the overseer (who alone
 * may approve a change to the legal basis, as every first version is) approves.
 */
export const configurationUsers = {
  proposer: 'config.admin',
  approver: 'config.overseer',
} as const;

async function ensureConfigurationUsers(store: Store, nowUs: bigint): Promise<void> {
  // they are among the test users, granted four-eyes by the bootstrap administrators
  if (!(await store.users.getUser(configurationUsers.proposer))) await seedTestUsers(store, nowUs);
}

/** Test helper: a programme file proposed by one person and approved by another, so it is in force. */
export async function proposeAndApproveProgramme(
  store: Store,
  json: unknown,
  nowUs: bigint = mayMorningUs,
) {
  await ensureConfigurationUsers(store, nowUs);
  const proposed = await proposeProgrammeVersion(
    store,
    json,
    ctx(nowUs, configurationUsers.proposer, 'test: programme file proposed'),
  );
  if (proposed.status === 'unchanged') return proposed;
  const approved = await approveConfigurationProposal(
    store,
    proposed.proposal.proposalId,
    ctx(nowUs, configurationUsers.approver, 'test: programme file approved'),
  );
  return { ...proposed, ...approved };
}

/** Test helper: a waiver proposed by one person and approved by another, so it is in force. */
export async function proposeAndApproveWaiver(
  store: Store,
  programme: string,
  json: unknown,
  nowUs: bigint = mayMorningUs,
) {
  await ensureConfigurationUsers(store, nowUs);
  const proposed = await proposeWaiver(
    store,
    programme,
    json,
    ctx(nowUs, configurationUsers.proposer, 'test: waiver proposed'),
  );
  if (proposed.status === 'unchanged') return proposed;
  return approveConfigurationProposal(
    store,
    proposed.proposal.proposalId,
    ctx(nowUs, configurationUsers.approver, 'test: waiver approved'),
  );
}

/** Programme, users, the example waivers, 350M USD deposited (one deposit converted from IQD), 111.5M USD invoiced. */
export async function seedProgramme(
  store: Store,
  nowUs = mayMorningUs,
  options: { controls?: Record<string, unknown>; invoices?: boolean } = {},
): Promise<void> {
  const file = referenceProgrammeJson() as { controls: Record<string, unknown> };
  if (options.controls) file.controls = { ...file.controls, ...options.controls };
  await seedTestUsers(store, nowUs);
  await proposeAndApproveProgramme(store, file, nowUs);
  for (const waiver of exampleWaivers())
    await proposeAndApproveWaiver(store, programmeId, waiver, nowUs);
  await importCsvText(store, 'deposits', programmeId, depositsCsv, { partial: false }, ctx(nowUs));
  if (options.invoices !== false)
    await importCsvText(
      store,
      'invoices',
      programmeId,
      seedInvoicesCsv,
      { partial: false },
      ctx(nowUs),
    );
}

export async function pilgrimDocuments(
  store: Store,
  tag: string,
): Promise<{ kind: string; sha256: string }[]> {
  return [
    {
      kind: 'pilgrim-manifest',
      sha256: await storeDocument(store, Buffer.from(`pilgrim manifest ${tag}`)),
    },
    {
      kind: 'service-invoice',
      sha256: await storeDocument(store, Buffer.from(`service invoice ${tag}`)),
    },
  ];
}

/** The registered account of the pilgrims' payee (Rafidain Bank, Baghdad). */
export const karbalaAccount = {
  iban: 'IQ93RDBA100000008899112',
  bic: 'RDBAIQBA',
  bankName: 'Rafidain Bank',
  bankCountry: 'IQ',
} as const;

/** A pilgrims' payment to an Iraqi provider (per-payment cap 2M USD, 30M a calendar month). */
export async function createPilgrimPayment(
  store: Store,
  disbursementId: string,
  amount: string,
  nowUs: bigint,
  options: {
    documents?: { kind: string; sha256: string }[];
    currency?: string;
    valueDate?: string;
    payeePartyId?: string;
  } = {},
) {
  const input = parseDisbursementInput({
    disbursementId,
    programmeId,
    channelId: 'pilgrims',
    payeePartyId: options.payeePartyId ?? 'karbala-pilgrim-services',
    amount,
    currency: options.currency ?? 'USD',
    valueDate: options.valueDate ?? '2021-05-20',
    purpose: 'Accommodation and transport for pilgrims visiting Karbala for Arbaeen',
    beneficiaryAccount: accountFor(options.payeePartyId ?? 'karbala-pilgrim-services'),
  });
  const documents = options.documents ?? (await pilgrimDocuments(store, disbursementId));
  return createDisbursement(store, { ...input, documents }, ctx(nowUs, 'maker'));
}

const bankNames: Readonly<Record<string, string>> = {
  RDBA: 'Rafidain Bank',
  NBIQ: 'National Bank of Iraq',
  TRIQ: 'Trade Bank of Iraq',
  TGBA: 'Garanti BBVA',
  UBSW: 'UBS Switzerland',
  COBA: 'Commerzbank',
  BOML: 'Bank of Mashreq',
};

/** A payee's first registered account in the reference programme, as a request's beneficiaryAccount. */
export function accountFor(partyId: string): {
  iban: string;
  bic: string;
  bankName: string;
  bankCountry: string;
} {
  const file = referenceProgrammeJson() as {
    parties: { partyId: string; bankAccounts?: { iban: string; bic: string }[] }[];
  };
  const account = file.parties.find((party) => party.partyId === partyId)?.bankAccounts?.[0];
  // an unknown party (a test of party.unknown) gets the pilgrims payee's account: the party is what fails
  if (!account) return { ...karbalaAccount };
  return {
    iban: account.iban,
    bic: account.bic,
    bankName: bankNames[account.bic.slice(0, 4)] ?? `Bank ${account.bic.slice(0, 4)}`,
    bankCountry: account.bic.slice(4, 6),
  };
}

// The workflow's view of sanctions screening: parties in, hits out. The real engine
// (src/core/screening/engine.ts) plugs in behind this port without the workflow changing; until it is
// wired, the app uses ManualReviewScreening and tests use ScriptedScreening, both explicit.
import type { DomainError } from '../../core/domain-error.js';
import type { Decimal } from '../../core/money/decimal.js';
import type { Party, PartyName, Programme } from '../../core/programme/programme.js';
import type { StoreSession } from './store-port.js';

export interface ScreeningSubject {
  /** the party screened, or the party whose beneficial owner this is */
  readonly partyId: string;
  readonly role: 'payee' | 'beneficial-owner' | 'beneficiary-bank';
  readonly names: readonly PartyName[];
  readonly jurisdiction: string | undefined;
  /** evidence beside the name, when the party record has it (the engine weighs each; see docs/screening.md) */
  readonly kind?: 'person' | 'entity' | 'unknown';
  readonly nationality?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  readonly birthDate?: string;
  readonly identifiers?: ReadonlyArray<{ readonly type: string; readonly value: string }>;
  /** a beneficial owner's share of the payee, for the 50% rule */
  readonly sharePercent?: Decimal;
}

/** What the engine found for a disbursement's parties, outside any transaction; verified inside the step's. */
export interface GateAssessment {
  readonly subjects: readonly ScreeningSubject[];
  /** the list snapshots the engine screened against (id@content), compared again inside the transaction */
  readonly snapshotKey: string;
  /** party id → what the engine finds now (source, entry, content) */
  readonly fresh: ReadonlyMap<
    string,
    readonly {
      readonly source: string;
      readonly entryId: string;
      readonly entryContentSha256: string;
    }[]
  >;
}

export interface ScreeningHit {
  readonly partyId: string;
  /** the subject's name that matched */
  readonly subjectName: string;
  /** the listed name it matched, and where that list entry comes from */
  readonly listedName: string;
  readonly listEntryId: string;
  /** 0–1 */
  readonly score: number;
  readonly explanation: string;
}

export interface ScreeningPort {
  screen(subjects: readonly ScreeningSubject[]): Promise<readonly ScreeningHit[]>;
  /** Re-screen before money moves (reserve, instruct, execute): no writes, no transaction held. */
  assess(subjects: readonly ScreeningSubject[]): Promise<GateAssessment>;
  /** Inside the step's transaction: a refusal when the lists changed since `assess` or any party is blocked. */
  verify(
    tx: StoreSession,
    assessment: GateAssessment,
    requestedBy: string,
  ): Promise<DomainError | undefined>;
}

export const screeningSubjectsMax = 100;

/**
 * A payee, its beneficial owners and the beneficiary bank: an owner or a bank on a list taints the
 * payment as much as the payee. The bank is the request's `beneficiaryAccount.bankName` when given,
 * and every programme party that is a bank holding a BIC of the payee's accounts.
 */
export function screeningSubjectsFor(
  payee: Party,
  options: {
    readonly programme?: Programme;
    readonly bankName?: string;
    readonly bic?: string;
  } = {},
): ScreeningSubject[] {
  const subjects: ScreeningSubject[] = [
    // the payee's kind and identifiers are evidence; its jurisdiction is residence or
    // registration, not nationality, so it is not passed as such
    {
      partyId: payee.partyId,
      role: 'payee',
      names: payee.names,
      jurisdiction: payee.jurisdiction,
      kind: payee.kind === 'person' ? 'person' : 'entity',
      identifiers: payee.identifiers.map((id) => ({ type: id.type, value: id.value })),
    },
    ...payee.beneficialOwners.map((owner) => ({
      partyId: payee.partyId,
      role: 'beneficial-owner' as const,
      names: owner.names,
      jurisdiction: owner.nationality,
      nationality: owner.nationality,
      sharePercent: owner.sharePercent,
    })),
  ];
  const bicInstitution = (bic: string) => bic.slice(0, 8).toUpperCase();
  const bics = new Set([
    ...payee.bankAccounts.map((account) => bicInstitution(account.bic)),
    ...(options.bic ? [bicInstitution(options.bic)] : []),
  ]);
  for (const bank of options.programme?.parties ?? []) {
    if (
      bank.kind !== 'bank' ||
      !bank.identifiers.some(
        (identifier) => identifier.type === 'bic' && bics.has(bicInstitution(identifier.value)),
      )
    )
      continue;
    subjects.push({
      partyId: payee.partyId,
      role: 'beneficiary-bank',
      names: bank.names,
      jurisdiction: bank.jurisdiction,
    });
  }
  if (options.bankName !== undefined && options.bankName.trim() !== '') {
    subjects.push({
      partyId: payee.partyId,
      role: 'beneficiary-bank',
      names: [{ text: options.bankName.trim(), script: 'Latn', language: 'en', kind: 'primary' }],
      jurisdiction: undefined,
    });
  }
  if (subjects.length > screeningSubjectsMax)
    throw new RangeError(`at most ${screeningSubjectsMax} screening subjects per payee`);
  return subjects;
}

// A party the programme knows and keeps screened: payees, their banks, beneficial owners. Kept
// apart from the programme's own Party so screening works for any source of parties (programme
// file, payee register, a disbursement) through one small shape; callers map into it.
import { z } from 'zod';
import { DomainError } from '../domain-error.js';

/** Bounds on what one screening request may carry (Tiger Style: everything has a limit). */
export const screenedPartyLimits = {
  partiesPerRequestMax: 5_000,
  namesPerPartyMax: 32,
  nameLengthMax: 300,
  identifiersPerPartyMax: 32,
  beneficialOwnersPerPartyMax: 64,
  partyIdLengthMax: 100,
} as const;

export type ScreenedPartyKind = 'person' | 'entity' | 'unknown';

export interface ScreenedName {
  readonly text: string;
  /** ISO 15924 script code as the party gave it (Latn, Arab, Cyrl…); informative only: the engine detects script itself */
  readonly script?: string;
}

export interface ScreenedParty {
  readonly partyId: string;
  readonly kind: ScreenedPartyKind;
  readonly names: readonly ScreenedName[];
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  readonly birthDate?: string;
  readonly nationality?: string;
  readonly identifiers: ReadonlyArray<{ readonly type: string; readonly value: string }>;
  /** beneficial owners are parties in their own right, screened and reviewed as such */
  readonly beneficialOwnerIds: readonly string[];
}

const partyId = z
  .string()
  .trim()
  .min(1)
  .max(screenedPartyLimits.partyIdLengthMax)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');
const name = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(screenedPartyLimits.nameLengthMax),
  script: z
    .string()
    .regex(/^[A-Z][a-z]{3}$/, 'an ISO 15924 code such as Latn or Arab')
    .optional(),
});
const partyFields = {
  partyId,
  kind: z.enum(['person', 'entity', 'unknown']),
  names: z.array(name).min(1, 'at least one name').max(screenedPartyLimits.namesPerPartyMax),
  birthDate: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD')
    .optional(),
  nationality: z.string().trim().min(1).max(100).optional(),
  identifiers: z
    .array(
      z.strictObject({
        type: z.string().trim().min(1).max(64),
        value: z.string().trim().min(1).max(64),
      }),
    )
    .max(screenedPartyLimits.identifiersPerPartyMax)
    .default([]),
};
const ownerSchema = z.strictObject(partyFields);
/** The input form: owners are written inline, each with its own party id. */
export const screenedPartyInputSchema = z.strictObject({
  ...partyFields,
  beneficialOwners: z
    .array(ownerSchema)
    .max(screenedPartyLimits.beneficialOwnersPerPartyMax)
    .default([]),
});
export const screenedPartiesInputSchema = z
  .array(screenedPartyInputSchema)
  .min(1, 'at least one party')
  .max(screenedPartyLimits.partiesPerRequestMax);
export type ScreenedPartyInput = z.input<typeof screenedPartyInputSchema>;

/** Parse parties as written in a file or request; owners become parties of their own. */
export function parseScreenedParties(json: unknown): ScreenedParty[] {
  const parsed = screenedPartiesInputSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = ['parties', ...issue.path]
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
      .join('')
      .replace(/^\./, '');
    throw new DomainError('screening.party_invalid', `${path}: ${issue.message}`, { field: path });
  }
  return flattenOwners(parsed.data);
}

type ParsedParty = z.output<typeof screenedPartyInputSchema>;

/** An owner named under two parties must be the same person both times, or the file contradicts itself. */
export function flattenOwners(parties: readonly ParsedParty[]): ScreenedParty[] {
  const byId = new Map<string, ScreenedParty>();
  const add = (party: ScreenedParty) => {
    const seen = byId.get(party.partyId);
    if (seen !== undefined && JSON.stringify(seen) !== JSON.stringify(party)) {
      throw new DomainError(
        'screening.party_conflict',
        `party "${party.partyId}" appears twice with different details`,
        { field: 'partyId' },
      );
    }
    byId.set(party.partyId, party);
  };
  for (const party of parties) {
    for (const owner of party.beneficialOwners) add(toParty(owner, []));
    add(
      toParty(
        party,
        party.beneficialOwners.map((owner) => owner.partyId),
      ),
    );
  }
  if (byId.size > screenedPartyLimits.partiesPerRequestMax) {
    throw new DomainError(
      'screening.too_many_parties',
      `at most ${screenedPartyLimits.partiesPerRequestMax} parties (owners included) per request`,
      { field: 'parties' },
    );
  }
  return [...byId.values()];
}

function toParty(party: z.output<typeof ownerSchema>, beneficialOwnerIds: string[]): ScreenedParty {
  return {
    partyId: party.partyId,
    kind: party.kind,
    names: party.names.map((entry) =>
      entry.script === undefined
        ? { text: entry.text }
        : { text: entry.text, script: entry.script },
    ),
    ...(party.birthDate !== undefined ? { birthDate: party.birthDate } : {}),
    ...(party.nationality !== undefined ? { nationality: party.nationality } : {}),
    identifiers: party.identifiers,
    beneficialOwnerIds,
  };
}

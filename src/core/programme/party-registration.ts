// Payees are registered over time (the payee register lives in the store), not only in the
// programme file. A registration goes through the same schema as the file's parties, plus the
// rules that need the programme, so a payee added at run time is held to the same standard.
import { DomainError } from '../domain-error.js';
import { parseDecimal } from '../money/decimal.js';
import { formatFieldPath } from './field-path.js';
import { partySchema } from './programme-file-schema.js';
import { partyWithOwners, type Party, type Programme } from './programme.js';

export function parsePayeeRegistration(
  programme: Programme,
  json: unknown,
  field = 'party',
): Party {
  const parsed = partySchema.safeParse(json);
  const fail = (path: (string | number)[], message: string, code = 'party.invalid'): never => {
    const fieldPath = formatFieldPath([field, ...path]);
    throw new DomainError(code, `${fieldPath}: ${message}`, { field: fieldPath });
  };
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(issue.path as (string | number)[], issue.message);
  }
  const party = parsed.data;
  if (programme.parties.some((existing) => existing.partyId === party.partyId))
    fail(['partyId'], `"${party.partyId}" is already a party of the programme`, 'party.duplicate');
  if (party.roles.length !== 1 || party.roles[0] !== 'payee')
    fail(
      ['roles'],
      'a registered party can only be a payee; other roles are set in the programme file',
      'party.role_not_allowed',
    );
  if (party.payeeKinds.length === 0) fail(['payeeKinds'], 'a payee needs at least one payee kind');
  party.payeeKinds.forEach((kind, index) => {
    if (!programme.payeeKinds.some((entry) => entry.kind === kind))
      fail(['payeeKinds', index], `unknown payee kind "${kind}"`);
  });
  const beneficialOwners = party.beneficialOwners.map((owner, index) => {
    if (
      owner.partyId !== undefined &&
      !programme.parties.some((existing) => existing.partyId === owner.partyId)
    )
      fail(['beneficialOwners', index, 'partyId'], `unknown party "${owner.partyId}"`);
    let sharePercent;
    try {
      sharePercent = parseDecimal(owner.sharePercent, { field: 'sharePercent', scaleMax: 4 });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return fail(
        ['beneficialOwners', index, 'sharePercent'],
        error.message.replace(/^[^:]*: /, ''),
      );
    }
    return {
      names: owner.names,
      nationality: owner.nationality,
      sharePercent,
      ...(owner.partyId !== undefined ? { partyId: owner.partyId } : {}),
    };
  });
  return partyWithOwners(party, beneficialOwners);
}

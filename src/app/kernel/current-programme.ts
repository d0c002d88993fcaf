import { DomainError } from '../../core/domain-error.js';
import { loadProgramme } from '../../core/programme/load-programme.js';
import type { Programme } from '../../core/programme/programme.js';
import { parseWaiver, type Waiver } from '../../core/programme/waiver.js';
import type { StoreSession } from '../ports/store-port.js';

export interface LoadedProgramme {
  readonly programme: Programme;
  readonly versionNo: number;
}

/**
 * Programmes validated from their exact stored text. Keyed by the text itself, so a row edited
 * behind Qanat's back is a new key and is validated (and fails) on its next read; parsing and
 * validating the same text again on every request was a tenth of a small API read's CPU.
 * The cached values are frozen: a caller that tried to change a shared programme would throw.
 */
const validatedProgrammes = new Map<string, Programme>();
const validatedProgrammesMax = 32;

function validatedProgramme(fileJson: string): Programme {
  const cached = validatedProgrammes.get(fileJson);
  if (cached !== undefined) return cached;
  const programme = deepFreeze(loadProgramme(JSON.parse(fileJson)));
  if (validatedProgrammes.size >= validatedProgrammesMax) {
    const oldest = validatedProgrammes.keys().next().value;
    if (oldest !== undefined) validatedProgrammes.delete(oldest);
  }
  validatedProgrammes.set(fileJson, programme);
  return programme;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The latest stored version, validated from its stored text: an edited row fails here, loudly. */
export async function currentProgramme(
  session: Pick<StoreSession, 'programmes'>,
  programmeId: string,
): Promise<LoadedProgramme> {
  const record = await session.programmes.latestVersion(programmeId);
  if (!record)
    throw new DomainError('programme.unknown', `no programme "${programmeId}" has been loaded`, {
      field: 'programmeId',
    });
  return { programme: validatedProgramme(record.fileJson), versionNo: record.versionNo };
}

export async function programmeWaivers(
  session: Pick<StoreSession, 'programmes'>,
  programmeId: string,
): Promise<Waiver[]> {
  return (await session.programmes.listWaivers(programmeId)).map((record) =>
    parseWaiver(JSON.parse(record.waiverJson), `waivers.${record.waiverId}`),
  );
}

/** `--programme` may be left out when the store holds exactly one programme. */
export async function resolveProgrammeId(
  session: Pick<StoreSession, 'programmes'>,
  requested: string | undefined,
): Promise<string> {
  if (requested !== undefined) return requested;
  const ids = await session.programmes.listProgrammeIds();
  if (ids.length === 1) return ids[0]!;
  throw new DomainError(
    'programme.ambiguous',
    ids.length === 0
      ? 'no programme has been loaded; run `qanat programme load FILE`'
      : `several programmes are loaded (${ids.join(', ')}); name one with --programme`,
    { field: 'programmeId' },
  );
}

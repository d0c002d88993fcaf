import { DomainError } from '../../core/domain-error.js';
import { loadProgramme } from '../../core/programme/load-programme.js';
import type { Programme } from '../../core/programme/programme.js';
import { parseWaiver, type Waiver } from '../../core/programme/waiver.js';
import type { StoreSession } from '../ports/store-port.js';

export interface LoadedProgramme {
  readonly programme: Programme;
  readonly versionNo: number;
}

/** The latest stored version, validated again on every read: a row edited behind Qanat's back fails here, loudly. */
export async function currentProgramme(session: Pick<StoreSession, 'programmes'>, programmeId: string): Promise<LoadedProgramme> {
  const record = await session.programmes.latestVersion(programmeId);
  if (!record) throw new DomainError('programme.unknown', `no programme "${programmeId}" has been loaded`, { field: 'programmeId' });
  return { programme: loadProgramme(JSON.parse(record.fileJson)), versionNo: record.versionNo };
}

export async function programmeWaivers(session: Pick<StoreSession, 'programmes'>, programmeId: string): Promise<Waiver[]> {
  return (await session.programmes.listWaivers(programmeId)).map((record) => parseWaiver(JSON.parse(record.waiverJson), `waivers.${record.waiverId}`));
}

/** `--programme` may be left out when the store holds exactly one programme. */
export async function resolveProgrammeId(session: Pick<StoreSession, 'programmes'>, requested: string | undefined): Promise<string> {
  if (requested !== undefined) return requested;
  const ids = await session.programmes.listProgrammeIds();
  if (ids.length === 1) return ids[0]!;
  throw new DomainError('programme.ambiguous', ids.length === 0 ? 'no programme has been loaded; run `qanat programme load FILE`' : `several programmes are loaded (${ids.join(', ')}); name one with --programme`, { field: 'programmeId' });
}

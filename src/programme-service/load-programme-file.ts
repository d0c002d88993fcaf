// Load (or reload) a programme file: validate, store a new version when the content changed, and
// open its ledger accounts, all in one transaction with one audit event.
import { openAccountsInTransaction } from '../ledger-service/open-accounts.js';
import { checkActorContext, type ActorContext } from '../ledger-service/actor-context.js';
import { withWriteRetry } from '../ledger-service/write-retry.js';
import { programmeAccountSpecs } from '../programme/chart-of-accounts.js';
import { contentSha256, encodeRecord } from '../programme/content-key.js';
import { loadProgramme } from '../programme/load-programme.js';
import type { Store } from '../store/store-port.js';
import { requireRole } from './users.js';

export interface ProgrammeLoadResult {
  readonly programmeId: string;
  readonly versionNo: number;
  readonly status: 'created' | 'updated' | 'unchanged';
  readonly accountIds: readonly string[];
}

export async function loadProgrammeFile(store: Store, json: unknown, context: ActorContext): Promise<ProgrammeLoadResult> {
  checkActorContext(context);
  // Validation first and outside the transaction: a bad file names every bad path and writes nothing.
  const programme = loadProgramme(json);
  const sha256 = contentSha256(json);
  const specs = programmeAccountSpecs(programme);
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      await requireRole(tx, context.actor, 'programme.load', programme.programmeId);
      const latest = await tx.programmes.latestVersion(programme.programmeId);
      const accounts = await openAccountsInTransaction(tx, specs, { ...context, reason: context.reason || `accounts of programme ${programme.programmeId}` });
      const accountIds = accounts.map((account) => account.id);
      if (latest?.contentSha256 === sha256) return { programmeId: programme.programmeId, versionNo: latest.versionNo, status: 'unchanged' as const, accountIds };
      const versionNo = (latest?.versionNo ?? 0) + 1;
      await tx.programmes.insertVersion({ programmeId: programme.programmeId, versionNo, fileVersion: programme.version, contentSha256: sha256, fileJson: encodeRecord(json), loadedAtUs: context.nowUs });
      await tx.audit.append({
        kind: latest ? 'programme.updated' : 'programme.loaded',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `programme:${programme.programmeId}`,
        payload: { programmeId: programme.programmeId, versionNo, fileVersion: programme.version, contentSha256: sha256, previousSha256: latest?.contentSha256 ?? null, channels: programme.channels.map((channel) => channel.channelId) },
      });
      return { programmeId: programme.programmeId, versionNo, status: latest ? ('updated' as const) : ('created' as const), accountIds };
    }),
  );
}

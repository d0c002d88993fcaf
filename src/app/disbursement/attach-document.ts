// Attach a supporting document by content. The blob store names it by SHA-256, so the same bytes
// attach once and different bytes are a different document: nothing is ever replaced.
import { DomainError } from '../../core/domain-error.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { terminalStatuses } from '../../core/programme/disbursement-state-machine.js';
import { currentProgramme } from '../kernel/current-programme.js';
import type { Store } from '../ports/store-port.js';
import { loadDisbursement } from './workflow-step.js';

export async function attachDocument(
  store: Store,
  disbursementId: string,
  kind: string,
  bytes: Uint8Array,
  context: ActorContext,
): Promise<{ sha256: string; attached: boolean }> {
  checkActorContext(context);
  return store.transaction(async (tx) => {
    const record = await loadDisbursement(tx, disbursementId);
    if (terminalStatuses.includes(record.status))
      throw new DomainError(
        'workflow.closed',
        `disbursement ${disbursementId} is ${record.status}; documents can no longer be attached`,
        { field: 'disbursementId' },
      );
    const { programme } = await currentProgramme(tx, record.programmeId);
    if (!programme.documentKinds.some((entry) => entry.kind === kind))
      throw new DomainError(
        'document.kind_unknown',
        `unknown document kind "${kind}"; this programme has ${programme.documentKinds.map((entry) => entry.kind).join(', ')}`,
        { field: 'kind' },
      );
    const { sha256, created } = await tx.blobs.put(bytes);
    const attached = await tx.disbursements.attachDocument({
      disbursementId,
      kind,
      sha256,
      attachedBy: context.actor,
      attachedAtUs: context.nowUs,
    });
    if (attached) {
      await tx.audit.append({
        kind: 'disbursement.document_attached',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `disbursement:${disbursementId}`,
        payload: { disbursementId, kind, sha256, sizeBytes: bytes.byteLength, newBlob: created },
      });
    }
    return { sha256, attached };
  });
}

/** Store a document's bytes without attaching them (the create file may name documents by path). */
export async function storeDocument(store: Store, bytes: Uint8Array): Promise<string> {
  return store.transaction(async (tx) => (await tx.blobs.put(bytes)).sha256);
}

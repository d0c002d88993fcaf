// An operator's draft. The approval tier is fixed here, from the amount at the programme's reference
// rates, so a later rate update cannot change how many approvals a request in flight needs.
import { DomainError } from '../../core/domain-error.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { withWriteRetry } from '../kernel/write-retry.js';
import { approvalRequirementFor } from '../../core/programme/approval-policy.js';
import {
  checkDisbursementAgainstChannel,
  type ChannelCheckResult,
} from '../../core/programme/channel-rules.js';
import { contentSha256 } from '../../core/programme/content-key.js';
import { createDisbursement as createDraft } from '../../core/programme/disbursement-state-machine.js';
import { referenceEquivalentMinor } from '../../core/programme/exchange-rate.js';
import { findChannel, findParty } from '../../core/programme/programme.js';
import { actorFor } from '../kernel/users.js';
import { currentProgramme, resolveProgrammeId } from '../kernel/current-programme.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { Store } from '../ports/store-port.js';
import type { DisbursementInput } from './disbursement-input.js';

export interface DraftResult {
  readonly record: DisbursementRecord;
  readonly status: 'created' | 'unchanged';
  /** what submission would find today: the operator fixes the request before submitting */
  readonly preview: ChannelCheckResult;
}

export async function createDisbursement(
  store: Store,
  input: Omit<DisbursementInput, 'documents'> & {
    readonly documents: readonly { kind: string; sha256: string }[];
  },
  context: ActorContext,
): Promise<DraftResult> {
  checkActorContext(context);
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      const programmeId = await resolveProgrammeId(tx, input.programmeId);
      const { programme, versionNo } = await currentProgramme(tx, programmeId);
      const operator = await actorFor(tx, context.actor, programmeId);
      const channel = findChannel(programme, input.channelId);
      if (!channel)
        throw new DomainError(
          'channel.unknown',
          `unknown channel "${input.channelId}"; this programme has ${programme.channels.map((entry) => entry.channelId).join(', ')}`,
          { field: 'channelId' },
        );
      if (!findParty(programme, input.request.payeePartyId))
        throw new DomainError('party.unknown', `unknown party "${input.request.payeePartyId}"`, {
          field: 'payeePartyId',
        });
      const contentKey = contentSha256({
        channelId: input.channelId,
        programmeId,
        request: input.request,
        documents: input.documents,
      });
      const existing = await tx.disbursements.get(input.disbursementId);
      if (existing) {
        if (
          existing.state.requestedBy === context.actor &&
          (existing.request as { contentKey?: string }).contentKey === contentKey
        ) {
          return {
            record: existing,
            status: 'unchanged' as const,
            preview: { violations: [], warnings: [] },
          };
        }
        throw new DomainError(
          'disbursement.id_conflict',
          `disbursement "${input.disbursementId}" already exists with different content`,
          { field: 'disbursementId' },
        );
      }
      const requirement = approvalRequirementFor(
        programme,
        input.request.amountMinor,
        input.request.currency,
      );
      const ledgerAmountMinor = referenceEquivalentMinor(
        programme.referenceRates,
        input.request.amountMinor,
        input.request.currency,
        programme.settlementCurrency,
      );
      const capAmountMinor = referenceEquivalentMinor(
        programme.referenceRates,
        input.request.amountMinor,
        input.request.currency,
        channel.caps.currency,
      );
      const state = createDraft({
        disbursementId: input.disbursementId,
        channelId: channel.channelId,
        requestedBy: operator,
        requirement,
      });
      if (state instanceof DomainError) throw state;
      for (const [index, document] of input.documents.entries()) {
        if (!programme.documentKinds.some((entry) => entry.kind === document.kind))
          throw new DomainError(
            'document.kind_unknown',
            `documents[${index}].kind: unknown document kind "${document.kind}"`,
            { field: `documents[${index}].kind` },
          );
        if (!(await tx.blobs.has(document.sha256)))
          throw new DomainError(
            'document.not_found',
            `documents[${index}]: no stored document ${document.sha256}`,
            { field: `documents[${index}].sha256` },
          );
      }
      const record: DisbursementRecord = {
        disbursementId: input.disbursementId,
        programmeId,
        programmeVersionNo: versionNo,
        channelId: channel.channelId,
        status: state.status,
        version: 1,
        // The documents live in the attachment table; the content key makes a re-sent file a no-op.
        request: { ...input.request, documents: [], contentKey } as DisbursementRecord['request'],
        state,
        ledgerAmountMinor,
        capAmountMinor,
        capPeriodKey: null,
        waiverId: null,
        createdAtUs: context.nowUs,
        updatedAtUs: context.nowUs,
      };
      await tx.disbursements.insert(record);
      for (const document of input.documents) {
        await tx.disbursements.attachDocument({
          disbursementId: record.disbursementId,
          kind: document.kind,
          sha256: document.sha256,
          attachedBy: context.actor,
          attachedAtUs: context.nowUs,
        });
      }
      await tx.audit.append({
        kind: 'disbursement.created',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `disbursement:${record.disbursementId}`,
        payload: {
          disbursementId: record.disbursementId,
          programmeId,
          programmeVersionNo: versionNo,
          channelId: channel.channelId,
          payeePartyId: input.request.payeePartyId,
          amountMinor: input.request.amountMinor,
          currency: input.request.currency,
          ledgerAmountMinor,
          capAmountMinor,
          approvalsRequired: requirement.approvalsRequired,
          overseerNonObjectionRequired: requirement.overseerNonObjectionRequired,
          documents: input.documents.map((document) => ({
            kind: document.kind,
            sha256: document.sha256,
          })),
          contentKey,
        },
      });
      const preview = checkDisbursementAgainstChannel(
        programme,
        channel.channelId,
        { ...input.request, documents: input.documents },
        { currency: channel.caps.currency, committedMinor: 0n },
      );
      return { record, status: 'created' as const, preview };
    }),
  );
}

// Reserve: a pending ledger transfer out of the escrow under the waiver covering the channel today.
// The escrow and channel accounts are locked first, so concurrent reservations on a programme
// check the caps one after another and each sees what the previous one committed.
import { DomainError } from '../../core/domain-error.js';
import type { ActorContext } from '../kernel/actor-context.js';
import {
  capPeriodKey,
  checkDisbursementAgainstChannel,
} from '../../core/programme/channel-rules.js';
import { programmeAccountIds } from '../../core/programme/chart-of-accounts.js';
import {
  committedInPeriodMinor,
  committedUnderWaiverCapMinor,
} from '../../core/programme/committed-usage.js';
import { readinessProblem, transition } from '../../core/programme/disbursement-state-machine.js';
import { reservationTransfer } from '../../core/programme/ledger-movements.js';
import { findChannel } from '../../core/programme/programme.js';
import { checkWaiverCover, waiverCovering } from '../../core/programme/waiver-window.js';
import { requireRole, systemActor } from '../kernel/users.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { Store } from '../ports/store-port.js';
import { refuseViolations } from './channel-findings.js';
import { committedDisbursements } from './committed.js';
import { requestWithAttachedDocuments } from './request-documents.js';
import { runWorkflowStep } from './workflow-step.js';
import { splitAggregateFor } from './split-candidates.js';
import { accountPayload } from './account-payload.js';
import { checkOutstanding } from './creditor-arrears.js';
import { splitProblem } from '../../core/programme/split-readiness.js';
import { valueDateFindings } from '../../core/programme/value-date-rules.js';
import type { ScreeningPort } from '../ports/screening-port.js';
import { runScreenedStep } from './screened-step.js';

export function reserveFunds(
  store: Store,
  disbursementId: string,
  context: ActorContext,
  screening: ScreeningPort,
): Promise<DisbursementRecord> {
  return runScreenedStep(
    store,
    disbursementId,
    context,
    screening,
    async ({ tx, record, programme, waivers, now, today }) => {
      // Qanat reserves; the person who asks for it must be known and hold the treasury role
      await requireRole(tx, context.actor, 'disbursement.reserve', record.programmeId);
      if (record.status !== 'approval') {
        const illegal = transition(
          record.state,
          { type: 'reserve_funds', actor: systemActor },
          { now },
        );
        if (illegal instanceof DomainError) throw illegal;
      }
      const readiness = readinessProblem(record.state);
      if (readiness) throw readiness;
      const ids = programmeAccountIds(programme);
      await tx.ledger.lockAccounts([ids.escrow, ids.channel(record.channelId)].sort());
      const request = await requestWithAttachedDocuments(tx, record);
      const amount = { amountMinor: request.amountMinor, currency: request.currency };
      const committed = committedDisbursements(
        await tx.disbursements.listCommitted(record.programmeId),
      );
      const coverFindings = checkWaiverCover(
        programme,
        waivers,
        record.channelId,
        today,
        amount,
        (waiver, cap) =>
          committedUnderWaiverCapMinor(programme, committed, waiver, cap, record.disbursementId),
      );
      const waiver = waiverCovering(waivers, record.channelId, today);
      if (coverFindings.length > 0 || !waiver) refuseViolations(coverFindings);
      const channel = findChannel(programme, record.channelId)!;
      const dated = valueDateFindings(programme, waiver, request.valueDate, today);
      if (dated.length > 0) refuseViolations(dated);
      // Caps count when money is committed: the period is the reservation day's, not the value date's.
      const key = capPeriodKey(channel, today, waiver.waiverId);
      const usage = committedInPeriodMinor(committed, record.channelId, key, record.disbursementId);
      // Every channel rule again, with the caps counting what is reserved or paid right now.
      const check = checkDisbursementAgainstChannel(programme, record.channelId, request, {
        currency: channel.caps.currency,
        committedMinor: usage,
      });
      if (check.violations.length > 0) refuseViolations(check.violations);
      const aggregate = await splitAggregateFor(
        tx,
        programme,
        record,
        request.documents.map((document) => document.sha256),
        context.nowUs,
        { committedOnly: true },
      );
      const split = splitProblem(record.state, channel, aggregate);
      if (split) throw split;
      await checkOutstanding(tx, programme, record);
      const next = transition(
        record.state,
        { type: 'reserve_funds', actor: systemActor },
        { now, coveringWaiverId: waiver.waiverId },
      );
      if (next instanceof DomainError) throw next;
      return {
        state: next,
        capPeriodKey: key,
        waiverId: waiver.waiverId,
        transfers: [reservationTransfer(programme, record, waiver.waiverId)],
        eventKind: 'disbursement.funds_reserved',
        duty: 'reserver',
        payload: {
          waiverId: waiver.waiverId,
          capPeriodKey: key,
          ledgerAmountMinor: record.ledgerAmountMinor,
          committedInPeriodBeforeMinor: usage,
          splitRelatedIds: [...aggregate.relatedIds],
          ...accountPayload(request.beneficiaryAccount),
        },
      };
    },
  );
}

// Deposits held for their rate (src/core/programme/deposit-hold.ts): a second person, never the
// importer, accepts one (it is credited then, exactly as an import would have, in the decision's
// transaction) or rejects it with a reason (nothing is credited; the row and reason stay).
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { submitTransfersInTransaction } from '../ledger-service/submit-transfers.js';
import { withWriteRetry } from '../kernel/write-retry.js';
import { currentProgramme } from '../kernel/current-programme.js';
import { requireRole } from '../kernel/users.js';
import {
  decideHold,
  type HeldDepositStatus,
  type HoldDecision,
} from '../../core/programme/deposit-hold.js';
import { depositTransfers } from '../../core/programme/ledger-movements.js';
import { DomainError } from '../../core/domain-error.js';
import type { HeldDepositRecord } from '../ports/held-deposit-port.js';
import type { Store, StoreSession } from '../ports/store-port.js';

export interface HoldDecisionResult {
  readonly hold: HeldDepositRecord;
  /** the deposit's ledger transfers when accepted; none when rejected */
  readonly transferIds: readonly string[];
}

/** A read: who may see the queue is the edge's access policy (policy/access.json). */
export async function listHeldDeposits(
  store: Pick<StoreSession, 'heldDeposits' | 'programmes'>,
  programmeId: string,
  status?: HeldDepositStatus,
): Promise<HeldDepositRecord[]> {
  await currentProgramme(store, programmeId);
  return store.heldDeposits.list(programmeId, status);
}

/** one keyset page of the holds in a status (the API's list) */
export async function listHeldDepositsPage(
  store: Pick<StoreSession, 'heldDeposits' | 'programmes'>,
  programmeId: string,
  page: {
    status: HeldDepositStatus;
    after?: { depositId: string; contentSha256: string };
    limit: number;
  },
): Promise<HeldDepositRecord[]> {
  await currentProgramme(store, programmeId);
  return store.heldDeposits.listPage(programmeId, page);
}

export function acceptHeldDeposit(
  store: Store,
  programmeId: string,
  depositId: string,
  context: ActorContext,
): Promise<HoldDecisionResult> {
  return decide(store, programmeId, depositId, 'accept', context);
}

export function rejectHeldDeposit(
  store: Store,
  programmeId: string,
  depositId: string,
  context: ActorContext,
): Promise<HoldDecisionResult> {
  return decide(store, programmeId, depositId, 'reject', context);
}

function decide(
  store: Store,
  programmeId: string,
  depositId: string,
  decision: HoldDecision,
  context: ActorContext,
): Promise<HoldDecisionResult> {
  checkActorContext(context);
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      await requireRole(tx, context.actor, 'money_in.deposit_hold', programmeId);
      const holds = await tx.heldDeposits.find(programmeId, [depositId]);
      // the open hold if there is one, else the latest decided one (for its precise refusal)
      const hold = holds.find((record) => record.status === 'held') ?? holds.at(-1);
      if (!hold)
        throw new DomainError(
          'deposit_hold.not_found',
          `no deposit ${depositId} is held on programme ${programmeId}`,
          { field: 'depositId' },
        );
      const status = decideHold({
        status: hold.status,
        depositId,
        heldBy: hold.heldBy,
        decidedBy: hold.decidedBy,
        decision,
        actor: context.actor,
        reason: context.reason,
      });
      const decided: HeldDepositRecord = {
        ...hold,
        status,
        decidedBy: context.actor,
        decisionReason: context.reason,
        decidedAtUs: context.nowUs,
      };
      if (!(await tx.heldDeposits.decide(decided))) {
        throw new DomainError(
          'deposit_hold.already_decided',
          `deposit ${depositId}'s hold was decided by someone else meanwhile`,
          { field: 'depositId' },
        );
      }
      let transferIds: string[] = [];
      if (status === 'accepted') {
        const { programme } = await currentProgramme(tx, programmeId);
        if ((await tx.moneyIn.findDeposits(programmeId, [depositId])).size > 0) {
          throw new DomainError(
            'deposit_hold.already_credited',
            `deposit ${depositId} is already credited`,
            { field: 'depositId' },
          );
        }
        await tx.moneyIn.insertDeposits([
          {
            programmeId,
            deposit: hold.deposit,
            contentSha256: hold.contentSha256,
            recordedAtUs: context.nowUs,
          },
        ]);
        const transfers = depositTransfers(programme, hold.deposit);
        await submitTransfersInTransaction(tx, transfers, context);
        transferIds = transfers.map((transfer) => transfer.id);
      }
      await tx.audit.append({
        kind: `deposit_hold.${status}`,
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `deposit:${programmeId}/${depositId}`,
        payload: {
          programmeId,
          depositId,
          contentSha256: hold.contentSha256,
          heldBy: hold.heldBy,
          findings: hold.findings.map((finding) => finding.code),
          escrowAmountMinor: hold.deposit.escrowAmountMinor,
          transferIds,
        },
      });
      return { hold: decided, transferIds };
    }),
  );
}

import type { KeyObject } from 'node:crypto';
import { checkpointSignatureValid } from '../audit/checkpoint.js';
import { ChainVerifier, type AuditProblem } from '../audit/verify-chain.js';
import type { Account } from '../ledger/account.js';
import { TransfersDigest } from '../ledger-service/transfers-digest.js';
import { ledgerTransfersEventKind } from '../ledger-service/submit-transfers.js';
import type { Store } from '../store/store-port.js';

export interface AuditVerification {
  readonly ok: boolean;
  readonly eventsChecked: bigint;
  readonly chainsChecked: number;
  readonly checkpointsChecked: number;
  readonly transfersChecked: bigint;
  /** the earliest problem by event order: where an investigator starts */
  readonly firstProblem: AuditProblem | null;
  readonly problems: readonly AuditProblem[];
}

export const verifyPageSize = 5_000;

interface LedgerEventClaim {
  readonly transferCount: number;
  readonly transfersSha256: string;
}

/**
 * Verify everything an overseer relies on: every chain links and hashes correctly, every
 * checkpoint is signed by a trusted key and matches its chain, every transfer row is the one its
 * audit event recorded, and every account's stored balances equal what its last transfer recorded.
 */
export async function verifyAudit(store: Store, trustedKeys: ReadonlyMap<string, KeyObject>): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const checkpoints = await store.audit.listCheckpoints();
  const heads = await store.audit.chainHeads();
  const checkpointHeadsByChain = new Map<number, Map<bigint, string>>();
  for (const checkpoint of checkpoints) {
    if (!checkpointSignatureValid(checkpoint, trustedKeys)) {
      problems.push({ code: 'checkpoint.bad_signature', message: `checkpoint at ${checkpoint.atUs} is not signed by a trusted key (key ${checkpoint.keyId})` });
    }
    for (const head of checkpoint.heads) {
      const positions = checkpointHeadsByChain.get(head.chainId) ?? new Map<bigint, string>();
      positions.set(head.chainSeq, head.hash);
      checkpointHeadsByChain.set(head.chainId, positions);
    }
  }

  const chainIds = new Set<number>([...heads.map((head) => head.chainId), ...checkpointHeadsByChain.keys()]);
  const ledgerClaims = new Map<bigint, LedgerEventClaim>();
  let eventsChecked = 0n;
  for (const chainId of [...chainIds].sort((a, b) => a - b)) {
    const verifier = new ChainVerifier(chainId);
    const checkpointPositions = checkpointHeadsByChain.get(chainId) ?? new Map<bigint, string>();
    let broken = false;
    for await (const event of store.audit.streamChain(chainId, verifyPageSize)) {
      const problem = verifier.accept(event);
      eventsChecked += 1n;
      if (problem) {
        problems.push(problem);
        broken = true;
        break;
      }
      const signedHash = checkpointPositions.get(event.chainSeq);
      if (signedHash !== undefined && signedHash !== event.hash) {
        problems.push({ code: 'checkpoint.head_mismatch', message: `chain ${chainId} #${event.chainSeq} differs from what a signed checkpoint recorded`, chainId, chainSeq: event.chainSeq, eventSeq: event.seq });
        broken = true;
        break;
      }
      if (event.kind === ledgerTransfersEventKind) {
        const payload = (JSON.parse(event.body) as { payload: { transferCount: number; transfersSha256: string } }).payload;
        ledgerClaims.set(event.seq, { transferCount: payload.transferCount, transfersSha256: payload.transfersSha256 });
      }
    }
    if (broken) continue;
    const lastSigned = [...checkpointPositions.keys()].reduce((max, seq) => (seq > max ? seq : max), 0n);
    if (lastSigned > verifier.eventsAccepted) {
      problems.push({ code: 'checkpoint.head_not_found', message: `chain ${chainId} ends at #${verifier.eventsAccepted} but a signed checkpoint saw #${lastSigned}: events were removed from its end`, chainId, chainSeq: lastSigned });
    }
    const head = heads.find((candidate) => candidate.chainId === chainId);
    if (!head || head.chainSeq !== verifier.eventsAccepted || head.hash !== verifier.lastHash) {
      problems.push({ code: 'chain.head_mismatch', message: `chain ${chainId}: recorded head does not match the last event (#${verifier.eventsAccepted})`, chainId });
    }
  }

  const transfersChecked = await verifyTransfersAgainstEvents(store, ledgerClaims, problems);
  await verifyAccountBalances(store, problems);
  const ordered = [...problems].sort((a, b) => compareSeq(a.eventSeq, b.eventSeq));
  return {
    ok: problems.length === 0,
    eventsChecked,
    chainsChecked: chainIds.size,
    checkpointsChecked: checkpoints.length,
    transfersChecked,
    firstProblem: ordered[0] ?? null,
    problems: ordered,
  };
}

function compareSeq(a: bigint | undefined, b: bigint | undefined): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

async function verifyTransfersAgainstEvents(store: Store, claims: Map<bigint, LedgerEventClaim>, problems: AuditProblem[]): Promise<bigint> {
  let checked = 0n;
  let currentSeq: bigint | null = null;
  let digest = new TransfersDigest();
  const seen = new Set<bigint>();
  const close = () => {
    if (currentSeq === null) return;
    seen.add(currentSeq);
    const claim = claims.get(currentSeq);
    if (!claim) {
      problems.push({ code: 'ledger.unaudited_transfers', message: `transfers reference audit event ${currentSeq}, which is not a verified ledger event`, eventSeq: currentSeq });
    } else if (claim.transferCount !== digest.transferCount) {
      problems.push({ code: 'ledger.count_mismatch', message: `audit event ${currentSeq} recorded ${claim.transferCount} transfers, the table holds ${digest.transferCount}`, eventSeq: currentSeq });
    } else if (claim.transfersSha256 !== digest.hex()) {
      problems.push({ code: 'ledger.digest_mismatch', message: `transfers of audit event ${currentSeq} differ from what the event recorded: a transfer row was altered`, eventSeq: currentSeq });
    }
  };
  for await (const { auditEventSeq, transfer } of store.ledger.streamTransfersByAuditEvent(verifyPageSize)) {
    if (auditEventSeq !== currentSeq) {
      close();
      currentSeq = auditEventSeq;
      digest = new TransfersDigest();
    }
    digest.add(transfer);
    checked += 1n;
  }
  close();
  for (const eventSeq of claims.keys()) {
    if (!seen.has(eventSeq)) problems.push({ code: 'ledger.missing_transfers', message: `audit event ${eventSeq} recorded transfers that are no longer in the table`, eventSeq });
  }
  return checked;
}

/** An account row must equal the balances its latest transfer recorded (or zero if it has none). */
async function verifyAccountBalances(store: Store, problems: AuditProblem[]): Promise<void> {
  const accounts: Account[] = await store.ledger.listAccounts();
  for (const account of accounts) {
    const recorded = await store.ledger.balancesAt(account.id, account.lastTransferAtUs);
    const same =
      recorded.debitsPostedMinor === account.debitsPostedMinor &&
      recorded.creditsPostedMinor === account.creditsPostedMinor &&
      recorded.debitsPendingMinor === account.debitsPendingMinor &&
      recorded.creditsPendingMinor === account.creditsPendingMinor;
    if (!same) problems.push({ code: 'ledger.balance_mismatch', message: `account ${account.id}: stored balances differ from those recorded by its last transfer` });
  }
}

import type { KeyObject } from 'node:crypto';
import { checkpointSignatureValid } from '../audit/checkpoint.js';
import { ChainVerifier, type AuditProblem } from '../audit/verify-chain.js';
import { TransferClaimsVerifier, type TransferBatchClaim } from '../audit/verify-transfer-claims.js';
import { decodeAuditBody } from '../audit/canonical-body.js';
import { encodeTransferForDigest } from '../ledger/transfer-content.js';
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

export const verifyPageSize = 10_000;

/**
 * Verify everything an overseer relies on: every chain links and hashes correctly, every
 * checkpoint is signed by a trusted key and matches its chain, every transfer row is the one its
 * audit event recorded, and every account's stored balances equal what its last transfer recorded.
 */
export async function verifyAudit(store: Store, trustedKeys: ReadonlyMap<string, KeyObject>): Promise<AuditVerification> {
  const chainResult = await verifyChains(store, trustedKeys);
  const transferCheck = new TransferClaimsVerifier(chainResult.ledgerClaims, () => new TransfersDigest());
  for await (const page of store.ledger.streamTransfersInWriteOrder(verifyPageSize)) {
    for (const row of page) transferCheck.accept(row.auditEventSeq, row.batchPosition, encodeTransferForDigest(row.transfer));
  }
  const problems = [...chainResult.problems, ...transferCheck.finish(), ...(await verifyAccountBalances(store))];
  const ordered = problems.sort((a, b) => compareSeq(a.eventSeq, b.eventSeq));
  return {
    ok: ordered.length === 0,
    eventsChecked: chainResult.eventsChecked,
    chainsChecked: chainResult.chainsChecked,
    checkpointsChecked: chainResult.checkpointsChecked,
    transfersChecked: transferCheck.rowsChecked,
    firstProblem: ordered[0] ?? null,
    problems: ordered,
  };
}

export interface ChainsVerification {
  readonly problems: AuditProblem[];
  readonly eventsChecked: bigint;
  readonly chainsChecked: number;
  readonly checkpointsChecked: number;
  /** what each verified ledger event says its transfers are */
  readonly ledgerClaims: Map<bigint, TransferBatchClaim>;
}

/** The hash chains and signed checkpoints alone: the audit log's own integrity. */
export async function verifyChains(store: Store, trustedKeys: ReadonlyMap<string, KeyObject>): Promise<ChainsVerification> {
  const problems: AuditProblem[] = [];
  const checkpoints = await store.audit.listCheckpoints();
  const heads = await store.audit.chainHeads();
  const signedHeads = new Map<number, Map<bigint, string>>();
  for (const checkpoint of checkpoints) {
    if (!checkpointSignatureValid(checkpoint, trustedKeys)) {
      problems.push({ code: 'checkpoint.bad_signature', message: `checkpoint at ${checkpoint.atUs} is not signed by a trusted key (key ${checkpoint.keyId})` });
    }
    for (const head of checkpoint.heads) {
      const positions = signedHeads.get(head.chainId) ?? new Map<bigint, string>();
      positions.set(head.chainSeq, head.hash);
      signedHeads.set(head.chainId, positions);
    }
  }

  const chainIds = [...new Set<number>([...heads.map((head) => head.chainId), ...signedHeads.keys()])].sort((a, b) => a - b);
  const ledgerClaims = new Map<bigint, TransferBatchClaim>();
  let eventsChecked = 0n;
  for (const chainId of chainIds) {
    const verifier = new ChainVerifier(chainId);
    const signedPositions = signedHeads.get(chainId) ?? new Map<bigint, string>();
    const problem = await verifyOneChain(store, verifier, signedPositions, ledgerClaims);
    eventsChecked += verifier.eventsAccepted + (problem ? 1n : 0n);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const lastSigned = [...signedPositions.keys()].reduce((max, seq) => (seq > max ? seq : max), 0n);
    if (lastSigned > verifier.eventsAccepted) {
      problems.push({ code: 'checkpoint.head_not_found', message: `chain ${chainId} ends at #${verifier.eventsAccepted} but a signed checkpoint saw #${lastSigned}: events were removed from its end`, chainId, chainSeq: lastSigned });
    }
    const head = heads.find((candidate) => candidate.chainId === chainId);
    if (!head || head.chainSeq !== verifier.eventsAccepted || head.hash !== verifier.lastHash) {
      problems.push({ code: 'chain.head_mismatch', message: `chain ${chainId}: recorded head does not match the last event (#${verifier.eventsAccepted})`, chainId });
    }
  }
  return { problems, eventsChecked, chainsChecked: chainIds.length, checkpointsChecked: checkpoints.length, ledgerClaims };
}

async function verifyOneChain(
  store: Store,
  verifier: ChainVerifier,
  signedPositions: ReadonlyMap<bigint, string>,
  ledgerClaims: Map<bigint, TransferBatchClaim>,
): Promise<AuditProblem | undefined> {
  for await (const page of store.audit.streamChain(verifier.chainId, verifyPageSize)) {
    for (const event of page) {
      const problem = verifier.accept(event);
      if (problem) return problem;
      const signedHash = signedPositions.get(event.chainSeq);
      if (signedHash !== undefined && signedHash !== event.hash) {
        return { code: 'checkpoint.head_mismatch', message: `chain ${verifier.chainId} #${event.chainSeq} differs from what a signed checkpoint recorded`, chainId: verifier.chainId, chainSeq: event.chainSeq, eventSeq: event.seq };
      }
      if (event.kind === ledgerTransfersEventKind) {
        const payload = decodeAuditBody(event.body).payload as { transferCount: number; transfersSha256: string };
        ledgerClaims.set(event.seq, { transferCount: payload.transferCount, transfersSha256: payload.transfersSha256 });
      }
    }
  }
  return undefined;
}

function compareSeq(a: bigint | undefined, b: bigint | undefined): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An account row must equal the balances its latest transfer recorded (or zero if it has none). */
async function verifyAccountBalances(store: Store): Promise<AuditProblem[]> {
  const problems: AuditProblem[] = [];
  for (const account of await store.ledger.listAccounts()) {
    const recorded = await store.ledger.balancesAt(account.id, account.lastTransferAtUs);
    const same =
      recorded.debitsPostedMinor === account.debitsPostedMinor &&
      recorded.creditsPostedMinor === account.creditsPostedMinor &&
      recorded.debitsPendingMinor === account.debitsPendingMinor &&
      recorded.creditsPendingMinor === account.creditsPendingMinor;
    if (!same) problems.push({ code: 'ledger.balance_mismatch', message: `account ${account.id}: stored balances differ from those recorded by its last transfer` });
  }
  return problems;
}

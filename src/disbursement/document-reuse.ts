import type { DisbursementRequest } from '../programme/disbursement-request.js';
import { documentReuseFindingsFor } from '../programme/document-reuse.js';
import type { Finding } from '../programme/finding.js';
import type { DisbursementRecord } from '../store/programme-ports.js';
import type { StoreSession } from '../store/store-port.js';

/** Findings for the request's documents that are attached to any other disbursement. */
export async function documentReuseFindings(tx: Pick<StoreSession, 'disbursements'>, record: DisbursementRecord, request: DisbursementRequest): Promise<Finding[]> {
  const attachments = await tx.disbursements.attachmentsOf([...new Set(request.documents.map((document) => document.sha256))]);
  const elsewhere = attachments.filter((attachment) => attachment.disbursementId !== record.disbursementId);
  return documentReuseFindingsFor(request.documents, elsewhere);
}

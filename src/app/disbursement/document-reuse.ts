import type { DisbursementRequest } from '../../core/programme/disbursement-request.js';
import { documentReuseFindingsFor } from '../../core/programme/document-reuse.js';
import type { Finding } from '../../core/programme/finding.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { StoreSession } from '../ports/store-port.js';

/** Findings for the request's documents that are attached to any other disbursement. */
export async function documentReuseFindings(
  tx: Pick<StoreSession, 'disbursements'>,
  record: DisbursementRecord,
  request: DisbursementRequest,
): Promise<Finding[]> {
  const attachments = await tx.disbursements.attachmentsOf([
    ...new Set(request.documents.map((document) => document.sha256)),
  ]);
  const elsewhere = attachments.filter(
    (attachment) => attachment.disbursementId !== record.disbursementId,
  );
  return documentReuseFindingsFor(request.documents, elsewhere);
}

// The same bytes attached to two payments is how one invoice gets paid twice. A document whose
// SHA-256 is already attached to another disbursement is a finding that blocks reservation until
// a second person (not the requester) accepts it with a reason, like a price above the band.
import type { Finding } from './finding.js';

export interface DocumentUse {
  readonly sha256: string;
  readonly disbursementId: string;
}

export function documentReuseFindingsFor(
  documents: readonly { kind: string; sha256: string }[],
  usesElsewhere: readonly DocumentUse[],
): Finding[] {
  const findings: Finding[] = [];
  documents.forEach((document, index) => {
    const others = [
      ...new Set(
        usesElsewhere
          .filter((use) => use.sha256 === document.sha256)
          .map((use) => use.disbursementId),
      ),
    ].sort();
    if (others.length === 0) return;
    findings.push({
      code: 'document.reused',
      field: `documents[${index}]`,
      message: `${document.kind} sha256:${document.sha256.slice(0, 12)}… is also attached to ${others.join(', ')}; a second person must accept the reuse`,
      severity: 'warning',
      overrideRequired: true,
      details: { sha256: document.sha256, otherDisbursementIds: others },
    });
  });
  return findings;
}

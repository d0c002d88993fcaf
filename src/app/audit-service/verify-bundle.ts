// `qanat audit verify --bundle DIR`: the store's verification and the controls re-check, run on
// the facts of an exported bundle (any AuditFactsSource), plus what only a bundle needs: it must
// be anchored by a checkpoint signed with a pinned key, or it proves nothing.
import type { ControlBreak } from '../../core/audit/control-recheck.js';
import type { AuditFactsSource } from '../ports/audit-facts-port.js';
import { recheckRecordedControls } from './recheck-controls.js';
import { verifyAuditFacts, type AuditVerification, type VerifyOptions } from './verify-audit.js';

export interface BundleVerification {
  readonly ok: boolean;
  readonly verification: AuditVerification;
  readonly controlBreaks: readonly ControlBreak[];
  /** events after the last signed checkpoint: consistent, but no signature covers them */
  readonly unsignedEvents: bigint;
  /** why the bundle as a whole cannot be accepted, beyond the verification's own problems */
  readonly bundleProblems: readonly string[];
}

export async function verifyFactsSource(
  source: AuditFactsSource,
  options: VerifyOptions,
): Promise<BundleVerification> {
  const verification = await verifyAuditFacts(source, options);
  const bundleProblems: string[] = [];
  let controlBreaks: ControlBreak[] = [];
  try {
    controlBreaks = await recheckRecordedControls(source);
  } catch (error) {
    bundleProblems.push(
      `the controls could not be re-checked: a recorded fact cannot be read (${(error as Error).message})`,
    );
  }
  const last = verification.lastCheckpoint;
  if (!last)
    bundleProblems.push(
      'no checkpoint signed by a trusted key anchors these facts: they prove nothing on their own',
    );
  const unsignedEvents = last ? verification.eventCount - last.eventCount : verification.eventCount;
  return {
    ok: verification.ok && controlBreaks.length === 0 && bundleProblems.length === 0,
    verification,
    controlBreaks,
    unsignedEvents: unsignedEvents > 0n ? unsignedEvents : 0n,
    bundleProblems,
  };
}

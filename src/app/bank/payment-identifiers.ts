// The identifiers that tie a bank payment to its disbursement. Both are derived, not random:
// - UETR: a UUID in version-4 format whose 122 free bits are the SHA-256 of the programme and
//   disbursement ids. A disbursement is paid at most once (a rejected one is final), so one UETR
//   per disbursement is unique; deriving it means a re-export and the committed samples are
//   reproducible, and the stored value can be re-checked from the id. It is also stored.
// - EndToEndId (max 35): the disbursement id itself when it fits, else "Q" and 34 hex digits of
//   the same kind of hash. The stored payment row maps it back either way.
import { createHash } from 'node:crypto';

export const endToEndIdLengthMax = 35;
export const uetrPattern = /^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$/;
const endToEndSafe = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function digest(label: string, programmeId: string, disbursementId: string): Buffer {
  return createHash('sha256').update(`qanat:${label}\0${programmeId}\0${disbursementId}`).digest();
}

export function uetrFor(programmeId: string, disbursementId: string): string {
  const bytes = digest('uetr', programmeId, disbursementId).subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function endToEndIdFor(programmeId: string, disbursementId: string): string {
  if (disbursementId.length <= endToEndIdLengthMax && endToEndSafe.test(disbursementId))
    return disbursementId;
  return `Q${digest('e2e', programmeId, disbursementId)
    .toString('hex')
    .slice(0, endToEndIdLengthMax - 1)}`;
}

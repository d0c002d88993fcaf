import type { BundleManifest } from './bundle-format.js';

/** The README written into every bundle: what it holds and how to verify it without the database. */
export function bundleGuide(manifest: BundleManifest): string {
  const digests = manifest.tables
    .filter((table) => table.content === 'digests')
    .map((table) => table.name);
  return `# Qanat audit bundle

Exported from a ${manifest.dialect} store at ${new Date(Number(BigInt(manifest.exportedAtUs) / 1000n)).toISOString()}
(${manifest.eventCount} audit events, ${manifest.tables.length} tables). Format: ${manifest.format}.

## What it holds
- \`tables/audit_events.ndjson\`: every audit event, chain by chain in chain order, with its hash
  and the hash of the event before it. \`tables/audit_chain_heads.ndjson\`: the head of each chain.
- \`tables/audit_checkpoints.ndjson\`: the Ed25519-signed checkpoints (each signs every chain head,
  the event count and the checkpoint before it). A checkpoint was signed just before the export.
- \`tables/<table>.ndjson\`: every row of every other table, one JSON object per line, each cell
  typed (\`n\` integer, \`s\` text, \`x\` hex bytes, \`r\` real, \`t\` time, \`j\` JSON; \`null\`).
  The audit events bind each row by its SHA-256: a row edited in this bundle no longer matches.
- \`tables/<table>.digests.ndjson\` (${digests.join(', ') || 'none'}): rows holding
  credentials are given as their key and SHA-256 only; the check is the same.
- \`public-keys.pem\`: the deployment's public keys. Do not trust them because they are here: compare
  them with the keys you were given out of band, or pass your own file with \`--trusted-keys\`.
- Not included: ${manifest.omitted.join(', ') || 'nothing'} (document bytes; their SHA-256 is bound
  in \`disbursement_documents\`).

## How to verify
On any machine with Qanat installed (no database needed, no signing key):

    qanat audit verify --bundle THIS_DIRECTORY --trusted-keys YOUR_PINNED_KEYS.pem [--against CHECKPOINT.json]

Exit code 0 and "audit bundle intact" means: every chain links and hashes, every checkpoint is
signed by one of your keys and they chain together, every transfer is the one its event recorded,
balances re-derive from the transfers, every row is the one the audit log bound, and every
control (approvals, screening, waiver cover, caps, overrides, roles) holds when replayed from
the recorded facts. Any change to a line of this directory is reported naming the table and row
(or the event's chain and position).
`;
}

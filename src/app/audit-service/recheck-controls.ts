// Feeds the pure control re-check (src/core/audit/control-recheck.ts) the recorded facts: the audit
// events that carry workflow, role and waiver facts (in append order), the stored disbursements,
// every programme version and the waivers. Read-only.
import { decodeAuditBody } from '../../core/audit/canonical-body.js';
import {
  recheckControls,
  type ControlBreak,
  type ProgrammeVersionFact,
  type RecordedDisbursement,
  type RecordedEvent,
} from '../../core/audit/control-recheck.js';
import { loadProgramme } from '../../core/programme/load-programme.js';
import { parseWaiver, type Waiver } from '../../core/programme/waiver.js';
import { disbursementListLimitMax } from '../ports/programme-ports.js';
import type { ControlFactsSource } from '../ports/audit-facts-port.js';

export const recheckPageSize = 10_000;
const relevantKind = /^(disbursement|waiver|user)\./;

export async function recheckRecordedControls(store: ControlFactsSource): Promise<ControlBreak[]> {
  const events: RecordedEvent[] = [];
  for (const head of await store.audit.chainHeads()) {
    for await (const page of store.audit.streamChain(head.chainId, recheckPageSize)) {
      for (const event of page) {
        if (!relevantKind.test(event.kind)) continue;
        const body = decodeAuditBody(event.body);
        events.push({
          seq: event.seq,
          kind: event.kind,
          actor: body.actor,
          atUs: event.atUs,
          subject: event.subject,
          payload: body.payload,
        });
      }
    }
  }
  events.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));

  const programmeVersions = new Map<string, ProgrammeVersionFact[]>();
  const waivers = new Map<string, Waiver[]>();
  const disbursementIds = new Set(
    events
      .filter((event) => event.kind.startsWith('disbursement.'))
      .map((event) => String(event.payload.disbursementId)),
  );
  for (const programmeId of await store.programmes.listProgrammeIds()) {
    const versions: ProgrammeVersionFact[] = [];
    for (const version of await store.programmes.listVersions(programmeId)) {
      // A version that no longer validates was edited behind Qanat's back; the row binding reports
      // that. The replay goes on with the versions that still read.
      try {
        versions.push({
          versionNo: version.versionNo,
          loadedAtUs: version.loadedAtUs,
          programme: loadProgramme(JSON.parse(version.fileJson)),
        });
      } catch {
        continue;
      }
    }
    programmeVersions.set(programmeId, versions);
    const parsed: Waiver[] = [];
    for (const record of await store.programmes.listWaivers(programmeId)) {
      try {
        parsed.push(parseWaiver(JSON.parse(record.waiverJson), `waivers.${record.waiverId}`));
      } catch {
        continue;
      }
    }
    waivers.set(programmeId, parsed);
    for (const record of await store.disbursements.list(programmeId, {
      limit: disbursementListLimitMax,
    }))
      disbursementIds.add(record.disbursementId);
  }
  const disbursements: RecordedDisbursement[] = [];
  for (const id of disbursementIds) {
    const record = await store.disbursements.get(id);
    if (record) disbursements.push(record);
  }
  return recheckControls({ events, disbursements, programmeVersions, waivers });
}

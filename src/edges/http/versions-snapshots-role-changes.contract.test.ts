// Three capabilities of issue 10's list that had no route, through the real server on both stores:
// a programme's versions (each approved change, and one version's file), the role-change
// proposals a second administrator decides, and every snapshot of a sanctions list with its delta
// against the one before (entries added, removed, changed), each as cursor pages.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../test-support/stores.js';
import { roleUsers, startTestApi, type ApiClient, type TestApi } from '../../../test-support/api-server.js';
import { programmeId, referenceProgrammeJson } from '../../../test-support/programme-fixtures.js';

const unXml = readFileSync('data/lists/un/consolidated.xml', 'utf8');

describe.each(storeDialects)('programme versions, role changes and list snapshot deltas on %s', (dialect) => {
  let api: TestApi;
  let admin: ApiClient;
  let overseer: ApiClient;
  let operator: ApiClient;
  let compliance: ApiClient;
  let creditor: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    admin = await api.signIn(roleUsers.administrator.userId);
    overseer = await api.signIn(roleUsers.overseer.userId);
    operator = await api.signIn(roleUsers.operator.userId);
    compliance = await api.signIn(roleUsers.compliance_officer.userId);
    creditor = await api.signIn(roleUsers.creditor_representative.userId);
  }, 120_000);
  afterAll(async () => api?.dispose());

  /** every item of a list, walked `limit` at a time */
  const walk = async (client: ApiClient, path: string, limit: number) => {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; text: string; json: { items: unknown[]; nextCursor: string | null } } = await client.get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status, page.text).toBe(200);
      items.push(...page.json.items);
      cursor = page.json.nextCursor;
    } while (cursor !== null);
    return items;
  };

  it('lists the versions that came into force, newest first, and serves one version as approved', async () => {
    const before = await walk(overseer, `/programmes/${programmeId}/versions`, 1);
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(before.filter((version) => version.inForce)).toHaveLength(1);
    const programme = referenceProgrammeJson() as Record<string, unknown>;
    const proposed = await admin.post('/configuration-proposals', { programme: { ...programme, name: `${String(programme.name)} (renamed)` }, reason: 'the programme name changed' });
    expect(proposed.status, proposed.text).toBe(201);
    expect((await walk(overseer, `/programmes/${programmeId}/versions`, 1))).toEqual(before);
    const approved = await overseer.post(`/configuration-proposals/${proposed.json.proposal.proposalId}/approve`, { reason: 'reviewed the rename' });
    expect(approved.status, approved.text).toBe(200);

    const after = await walk(overseer, `/programmes/${programmeId}/versions`, 1);
    expect(after.map((version) => version.versionNo)).toEqual([before[0].versionNo + 1, ...before.map((version) => version.versionNo)]);
    expect(after.map((version) => version.inForce)).toEqual([true, ...before.map(() => false)]);
    const current = await creditor.get(`/programmes/${programmeId}/versions/${after[0].versionNo}`);
    expect(current.status, current.text).toBe(200);
    expect(current.json).toMatchObject({ versionNo: after[0].versionNo, contentSha256: after[0].contentSha256, inForce: true, programme: { name: `${String(programme.name)} (renamed)` } });
    const old = await overseer.get(`/programmes/${programmeId}/versions/${before[0].versionNo}`);
    expect(old.json).toMatchObject({ inForce: false, programme: { name: programme.name } });

    expect((await overseer.get(`/programmes/${programmeId}/versions/999`)).json).toMatchObject({ status: 404, code: 'programme.version_not_found' });
    expect((await overseer.get('/programmes/no-such-programme/versions')).status).toBe(404);
    expect((await creditor.get('/programmes/another-programme/versions')).status).toBe(403);
    expect((await overseer.get(`/programmes/${programmeId}/versions/first`)).status).toBe(400);
  });

  it('lists role-change proposals for the second administrator, pending first by default', async () => {
    const created = await admin.post('/users', { userId: 'new.approver', grants: [{ role: 'approver', programmeId }], reason: 'a new approver joins' });
    expect(created.status, created.text).toBe(201);
    const pending = await walk(admin, '/role-changes', 1);
    expect(pending).toEqual([expect.objectContaining({ proposalId: created.json.roleChangeProposalId, userId: 'new.approver', proposedBy: 'admin.one', status: 'pending', decidedBy: null, grants: [{ role: 'approver', programmeId }] })]);
    // the test users' grants were approved four-eyes at setup: walked two at a time, each once, oldest first
    const approved = await walk(admin, '/role-changes?status=approved', 2);
    expect(approved.map((proposal) => proposal.userId)).toEqual(expect.arrayContaining(Object.values(roleUsers).map((user) => user.userId)));
    expect(approved.map((proposal) => proposal.proposedAtUs)).toEqual(approved.map((proposal) => proposal.proposedAtUs).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0)));
    expect(new Set(approved.map((proposal) => proposal.proposalId)).size).toBe(approved.length);
    expect(approved.every((proposal) => proposal.status === 'approved')).toBe(true);
    expect((await operator.get('/role-changes')).status).toBe(403);
    expect((await admin.get('/role-changes?status=rejected')).status).toBe(400);
  });

  it('lists every snapshot of a list with its delta counts, and pages the delta itself', async () => {
    const importUn = async (xml: string, reason: string) => {
      const form = new FormData();
      form.append('format', 'un-xml');
      form.append('reason', reason);
      form.append('file', new Blob([xml]), 'consolidated.xml');
      const started = await compliance.request('POST', '/screening/list-imports', { rawBody: form });
      expect(started.status, started.text).toBe(202);
      for (let attempt = 0; attempt < 600; attempt += 1) {
        const job = await compliance.get(`/screening/list-imports/${started.json.jobId}`);
        if (job.json.phase === 'done') return job.json;
        expect(job.json.phase, JSON.stringify(job.json.error)).not.toBe('failed');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the list import did not finish');
    };
    await importUn(unXml, 'monthly list refresh');
    // the next month's list: the first individual delisted
    const individual = /<INDIVIDUAL>[\s\S]*?<\/INDIVIDUAL>/.exec(unXml)![0];
    const delistedId = /<REFERENCE_NUMBER>\s*([^<\s]+)\s*<\/REFERENCE_NUMBER>/.exec(individual)![1]!;
    await importUn(unXml.replace(individual, ''), 'monthly list refresh, one delisted');

    const snapshots = await walk(overseer, '/screening/sources/un/snapshots', 1);
    expect(snapshots.map((snapshot) => [snapshot.snapshotId, snapshot.previousSnapshotId])).toEqual([['un/2', 'un/1'], ['un/1', null]]);
    expect(snapshots[0]).toMatchObject({ added: 0, removed: 1, changed: 0, entryCount: snapshots[1].entryCount - 1 });
    expect(snapshots[1]).toMatchObject({ added: snapshots[1].entryCount, removed: 0, changed: 0 });

    const delta = await overseer.get('/screening/sources/un/snapshots/2/delta');
    expect(delta.json).toEqual({ snapshotId: 'un/2', previousSnapshotId: 'un/1', items: [{ entryId: delistedId, change: 'removed' }], nextCursor: null });
    // the first snapshot added every entry: paged by id, each once, as many as it holds
    const first = await walk(compliance, '/screening/sources/un/snapshots/1/delta?change=added', 200);
    expect(first).toHaveLength(snapshots[1].entryCount);
    expect(first.map((entry) => entry.entryId)).toEqual([...first.map((entry) => entry.entryId)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect((await overseer.get('/screening/sources/un/snapshots/1/delta?change=removed')).json.items).toEqual([]);

    expect((await overseer.get('/screening/sources/un/snapshots/3/delta')).json).toMatchObject({ status: 404, code: 'screening.snapshot_not_found' });
    expect((await overseer.get('/screening/sources/eu/snapshots')).json).toEqual({ items: [], nextCursor: null });
    expect((await overseer.get('/screening/sources/interpol/snapshots')).status).toBe(400);
    expect((await operator.get('/screening/sources/un/snapshots')).status).toBe(403);
  }, 120_000);
});

// The configuration and list history over HTTP on both stores: a programme's versions with their
// proposer and approver, one version's file, the difference between two versions, and the list
// snapshots with what each changed against the one before, entry by entry.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LoadedList } from '../../adapters/lists/load-list-path.js';
import { importListSnapshots } from '../../app/screening-service/import-list-snapshots.js';
import {
  realUnList,
  withBirthDates,
  withoutEntries,
} from '../../app/screening-service/real-lists.test-support.js';
import { storeDialects } from '../../../test-support/stores.js';
import { roleUsers, startTestApi, type TestApi } from '../../../test-support/api-server.js';
import {
  configurationUsers,
  programmeId,
  referenceProgrammeJson,
} from '../../../test-support/programme-fixtures.js';

type Version = {
  versionNo: number;
  fileVersion: string;
  proposedBy: string | null;
  approvedBy: string | null;
  proposalId: string | null;
  approvalReason: string | null;
};

let unFirst: LoadedList;
let unSecond: LoadedList;
beforeAll(async () => {
  const un = await realUnList();
  // the second snapshot adds IQi.025, removes IQi.039 and corrects IQi.020's birth dates
  unFirst = withoutEntries(un, ['IQi.025']);
  unSecond = withBirthDates(withoutEntries(un, ['IQi.039']), 'IQi.020', ['1938', '1939']);
});

describe.each(storeDialects)('configuration and list history on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.dispose());

  it("lists a programme's versions with who proposed and approved them, and diffs any two", async () => {
    const admin = await api.signIn(roleUsers.administrator.userId);
    const overseer = await api.signIn(roleUsers.overseer.userId);
    const file = referenceProgrammeJson() as {
      version: string;
      channels: { channelId: string; caps: { perPaymentMax: string } }[];
    };
    file.version = '1.1.0';
    file.channels[0]!.caps.perPaymentMax = '20000000.00';
    const proposed = await admin.post('/configuration-proposals', {
      programme: file,
      reason: 'lower the per-payment cap of the first channel',
    });
    expect(proposed.status, proposed.text).toBe(201);
    const proposalId = proposed.json.proposal.proposalId as string;
    // an invalid file answers with every problem at its field's path, for the editor to point at
    const broken = structuredClone(file);
    broken.channels[0]!.caps.perPaymentMax = 'twenty million';
    const refused = await admin.post('/configuration-proposals', {
      programme: broken,
      reason: 'a typo the server must catch',
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json.code).toBe('programme.invalid');
    expect(refused.json.issues.map((issue: { path: string }) => issue.path)).toContain(
      'channels[0].caps.perPaymentMax',
    );
    expect(
      (
        await overseer.post(`/configuration-proposals/${proposalId}/approve`, {
          reason: 'checked against the new waiver letter',
        })
      ).status,
    ).toBe(200);

    const listed = await overseer.get(`/programmes/${programmeId}/versions`);
    expect(listed.status, listed.text).toBe(200);
    const versions = listed.json.items as Version[];
    expect(
      versions.map((version) => [
        version.versionNo,
        version.fileVersion,
        version.proposedBy,
        version.approvedBy,
      ]),
    ).toEqual([
      [2, '1.1.0', roleUsers.administrator.userId, roleUsers.overseer.userId],
      [1, '1.0.0', configurationUsers.proposer, configurationUsers.approver],
    ]);
    expect(versions[0]).toMatchObject({
      proposalId,
      approvalReason: 'checked against the new waiver letter',
    });

    const one = await overseer.get(`/programmes/${programmeId}/versions/1`);
    expect(one.status, one.text).toBe(200);
    expect(one.json.programme.version).toBe('1.0.0');
    expect(one.json.version.versionNo).toBe(1);

    const channelId = file.channels[0]!.channelId;
    const diff = await overseer.get(`/programmes/${programmeId}/version-diff?from=1&to=2`);
    expect(diff.status, diff.text).toBe(200);
    expect(
      diff.json.entries.map((entry: { path: string; before: unknown; after: unknown }) => [
        entry.path,
        entry.before,
        entry.after,
      ]),
    ).toEqual([
      [`$.channels[channelId="${channelId}"].caps.perPaymentMax`, '25000000.00', '20000000.00'],
      ['$.version', '1.0.0', '1.1.0'],
    ]);
    const backwards = await overseer.get(`/programmes/${programmeId}/version-diff?from=2&to=1`);
    expect(backwards.json.entries).toHaveLength(2);
    // version 0 is the empty file: the first version shows as one addition per section
    const first = await overseer.get(`/programmes/${programmeId}/version-diff?from=0&to=1`);
    expect(first.json.entries.every((entry: { change: string }) => entry.change === 'added')).toBe(
      true,
    );

    const missing = await overseer.get(`/programmes/${programmeId}/versions/3`);
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('programme.version_not_found');
    expect((await overseer.get(`/programmes/${programmeId}/version-diff?from=1&to=9`)).status).toBe(
      404,
    );
    expect((await overseer.get('/programmes/no-such/versions')).status).toBe(404);
    expect(
      (await overseer.get(`/programmes/${programmeId}/version-diff?from=one&to=2`)).status,
    ).toBe(400);
  }, 120_000);

  it('lists every snapshot and shows what one changed against the one before', async () => {
    const compliance = await api.signIn(roleUsers.compliance_officer.userId);
    const context = (nowUs: bigint) => ({
      actor: roleUsers.compliance_officer.userId,
      reason: 'list update',
      nowUs,
    });
    await importListSnapshots(
      api.app.store,
      api.app.screeningIndexCache,
      [unFirst],
      context(api.clock.nowUs()),
    );
    api.advanceSeconds(60);
    await importListSnapshots(
      api.app.store,
      api.app.screeningIndexCache,
      [unSecond],
      context(api.clock.nowUs()),
    );

    const history = await compliance.get('/screening/snapshot-history');
    expect(history.status, history.text).toBe(200);
    expect(
      history.json.items.map(
        (snapshot: {
          snapshotId: string;
          previousSnapshotId: string | null;
          added: number;
          removed: number;
          changed: number;
        }) => [
          snapshot.snapshotId,
          snapshot.previousSnapshotId,
          snapshot.added,
          snapshot.removed,
          snapshot.changed,
        ],
      ),
    ).toEqual([
      ['un/2', 'un/1', 1, 1, 1],
      ['un/1', null, unFirst.entries.length, 0, 0],
    ]);
    expect(history.json.items[0].contentSha256).toBe(unSecond.contentSha256);

    const changes = await compliance.get('/screening/snapshots/un/2/changes');
    expect(changes.status, changes.text).toBe(200);
    expect(changes.json.counts).toEqual({ added: 1, removed: 1, changed: 1 });
    expect(changes.json.added.map((entry: { entryId: string }) => entry.entryId)).toEqual([
      'IQi.025',
    ]);
    expect(changes.json.added[0].primaryName).toMatch(/TARIQ/i);
    expect(changes.json.removed.map((entry: { entryId: string }) => entry.entryId)).toEqual([
      'IQi.039',
    ]);
    const [corrected] = changes.json.changed as { entryId: string; fields: { path: string }[] }[];
    expect(corrected!.entryId).toBe('IQi.020');
    expect(
      corrected!.fields.map((field) => field.path).every((path) => path.startsWith('$.birthDates')),
    ).toBe(true);
    expect(corrected!.fields.length).toBeGreaterThan(0);

    expect((await compliance.get('/screening/snapshots/un/3/changes')).status).toBe(404);
    expect((await compliance.get('/screening/snapshots/nope/1/changes')).status).toBe(400);
    const operator = await api.signIn(roleUsers.operator.userId);
    expect((await operator.get('/screening/snapshot-history')).status).toBe(403);
  }, 120_000);
});

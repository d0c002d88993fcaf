// The parties pages' reads through the real server on SQLite and PostgreSQL: each party with its
// beneficial owners and banks, and where each stands with screening, as a disbursement screens
// them: clear, an open hit awaiting review, or never screened.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../test-support/stores.js';
import { roleUsers, startTestApi, type TestApi } from '../../../test-support/api-server.js';
import { programmeId } from '../../../test-support/programme-fixtures.js';
import { currentProgramme } from '../../app/kernel/current-programme.js';
import { screeningSubjectsFor } from '../../app/ports/screening-port.js';
import { partiesForSubjects } from '../../app/screening-service/engine-screening-port.js';
import { importListSnapshots } from '../../app/screening-service/import-list-snapshots.js';
import { realOfacSubset } from '../../app/screening-service/real-lists.test-support.js';
import { screenParties } from '../../app/screening-service/screen-parties.js';

describe.each(storeDialects)('party screening through the API on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.dispose());

  it('shows each party and owner clear, under review or never screened', async () => {
    const context = {
      actor: roleUsers.compliance_officer.userId,
      reason: 'screening for the test',
      nowUs: api.clock.nowUs(),
    };
    await importListSnapshots(
      api.app.store,
      api.app.screeningIndexCache,
      [await realOfacSubset()],
      context,
    );
    const { programme } = await currentProgramme(api.t.store, programmeId);
    const dijla = programme.parties.find((party) => party.partyId === 'dijla-food')!;
    await screenParties(
      api.app.store,
      api.app.screeningIndexCache,
      partiesForSubjects(screeningSubjectsFor(dijla, { programme })),
      context,
    );
    // a payee screened under a listed name: its hit waits for compliance
    await screenParties(
      api.app.store,
      api.app.screeningIndexCache,
      [
        {
          partyId: 'karbala-pilgrim-services',
          kind: 'person',
          names: [{ text: 'اسماعیل قاآنی' }],
          identifiers: [],
          beneficialOwnerIds: [],
        },
      ],
      context,
    );

    const operator = await api.signIn(roleUsers.operator.userId);
    const list = await operator.get(`/programmes/${programmeId}/party-screening?limit=200`);
    expect(list.status, list.text).toBe(200);
    const byId = new Map<
      string,
      {
        status: string;
        subjects: { role: string; status: string; hitIds: string[]; screenedAtUs: string | null }[];
      }
    >(list.json.items.map((item: { partyId: string }) => [item.partyId, item]));
    expect(byId.size).toBe(programme.parties.length);
    const clear = byId.get('dijla-food')!;
    expect(clear.status).toBe('clear');
    expect(clear.subjects.filter((subject) => subject.role === 'beneficial-owner')).toHaveLength(
      dijla.beneficialOwners.length,
    );
    expect(
      clear.subjects.every(
        (subject) => subject.status === 'clear' && subject.screenedAtUs !== null,
      ),
    ).toBe(true);
    const review = byId.get('karbala-pilgrim-services')!;
    expect(review.status).toBe('open');
    expect(review.subjects[0]).toMatchObject({
      role: 'payee',
      status: 'open',
      hitIds: [expect.stringMatching(/^hit-/)],
    });
    expect(byId.get('iq-mof')).toMatchObject({
      status: 'not_screened',
      subjects: [{ role: 'payee', status: 'not_screened', screenedAtUs: null, hitIds: [] }],
    });

    const detail = await operator.get(`/programmes/${programmeId}/parties/dijla-food`);
    expect(detail.status, detail.text).toBe(200);
    expect(detail.json.party).toMatchObject({
      partyId: 'dijla-food',
      kind: dijla.kind,
      beneficialOwners: expect.any(Array),
    });
    expect(detail.json.screening).toEqual(clear);
    const missing = await operator.get(`/programmes/${programmeId}/parties/no-such-party`);
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('party.not_found');
  }, 90_000);
});

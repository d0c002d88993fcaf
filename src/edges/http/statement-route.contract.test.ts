// The statement over HTTP takes the CLI's `--basis`: business (the default: movements by period,
// received and value date) or booking (by when Qanat recorded them). The seeded deposits were
// received in April but booked in May, so April differs by basis; the position does not. Both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../test-support/stores.js';
import {
  roleUsers,
  startTestApi,
  type ApiClient,
  type TestApi,
} from '../../../test-support/api-server.js';
import { programmeId } from '../../../test-support/programme-fixtures.js';
import { programmeStatement } from '../../app/reporting/programme-statement.js';
import { jsonSafe } from './json-safe.js';

describe.each(storeDialects)('the statement route on %s', (dialect) => {
  let api: TestApi;
  let approver: ApiClient;
  const april = `/programmes/${programmeId}/statement?from=2021-04-01&to=2021-04-30`;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    approver = await api.signIn(roleUsers.approver.userId);
  }, 60_000);
  afterAll(async () => api?.dispose());

  it('answers on the business basis by default and on the booking basis when asked', async () => {
    const byDefault = await approver.get(april);
    expect(byDefault.status, byDefault.text).toBe(200);
    expect(byDefault.json.basis).toBe('business');
    const business = await approver.get(`${april}&basis=business`);
    expect(business.json).toEqual(byDefault.json);
    const booking = await approver.get(`${april}&basis=booking`);
    expect(booking.status, booking.text).toBe(200);
    expect(booking.json.basis).toBe('booking');

    // the same figures as the use case on each basis, and they differ where they should
    const direct = async (basis: string) =>
      jsonSafe(
        await programmeStatement(api.t.store, programmeId, {
          from: '2021-04-01',
          to: '2021-04-30',
          basis,
        }),
      );
    expect(business.json).toEqual(await direct('business'));
    expect(booking.json).toEqual(await direct('booking'));
    expect(BigInt(business.json.movements.depositedMinor)).toBeGreaterThan(0n);
    expect(booking.json.movements.depositedMinor).toBe('0');
    expect(booking.json.closing).toEqual(business.json.closing);
  });

  it('refuses a basis that is neither, with a 400 naming the field', async () => {
    const refused = await approver.get(`${april}&basis=value`);
    expect(refused.status, refused.text).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.text).toContain('basis');
  });
});

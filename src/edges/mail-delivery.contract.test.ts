// The scheduled run hands the outbox to a real SMTP relay (an smtp-server in this process) on
// both stores: every pending message arrives once, is marked sent with its audit event, and the
// next run sends nothing again. Without a relay the same run leaves everything pending.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, storeDialects, type TestStore } from '../../test-support/stores.js';
import {
  createPilgrimPayment,
  ctx,
  mayMorningUs,
  seedProgramme,
} from '../../test-support/programme-fixtures.js';
import { ManualClock } from '../core/time/clock.js';
import { ScriptedScreening } from '../app/disbursement/scripted-screening.js';
import { submitDisbursement } from '../app/disbursement/submit-disbursement.js';
import { setNotificationContact } from '../app/notifications/notification-service.js';
import { InProcessJobLease, runScheduledSweeps } from '../app/scheduler/scheduled-sweeps.js';
import { verifyAudit } from '../app/audit-service/verify-audit.js';
import { smtpMailRelay } from '../adapters/mail/smtp-mail-relay.js';

describe.each(storeDialects)('mail delivery by the scheduled run on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  let smtp: SMTPServer;
  let port: number;
  const received: { to: string[]; raw: string }[] = [];
  const at = (actor: string) => {
    clock.advanceUs(60_000_000n);
    return ctx(clock.nowUs(), actor, 'a reason that says why this step happens');
  };

  beforeEach(async () => {
    received.length = 0;
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    await seedProgramme(t.store, clock.nowUs());
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await t.dispose();
  });

  it('sends each pending message once through the relay and records it sent', async () => {
    await setNotificationContact(
      t.store,
      { emailAddress: 'approver.one@example.org', language: 'ar' },
      at('approver.one'),
    );
    await setNotificationContact(
      t.store,
      { emailAddress: 'approver.two@example.org', language: 'en' },
      at('approver.two'),
    );
    await createPilgrimPayment(t.store, 'PIL-1', '400000.00', at('maker').nowUs);
    await submitDisbursement(t.store, 'PIL-1', at('maker'), new ScriptedScreening());
    const lease = new InProcessJobLease();

    const withoutRelay = await runScheduledSweeps(t.store, lease, at('treasury').nowUs, 'treasury');
    expect(withoutRelay.ran && withoutRelay.result.mail).toEqual({
      relay: null,
      sent: 0,
      retrying: 0,
      failed: 0,
      pending: 2,
    });
    expect(received).toEqual([]);

    const relay = smtpMailRelay({
      url: `smtp://127.0.0.1:${port}`,
      from: 'qanat@example.org',
      timeoutMs: 5_000,
    });
    try {
      const run = await runScheduledSweeps(t.store, lease, at('treasury').nowUs, 'treasury', relay);
      expect(run.ran && run.result.mail).toMatchObject({ sent: 2, failed: 0, pending: 0 });
      expect(
        received
          .map((message) => message.to)
          .flat()
          .sort(),
      ).toEqual(['approver.one@example.org', 'approver.two@example.org']);
      expect(received.find((message) => message.to[0] === 'approver.two@example.org')?.raw).toMatch(
        /^Subject: Qanat: disbursement PIL-1 waits for you/im,
      );
      const again = await runScheduledSweeps(
        t.store,
        lease,
        at('treasury').nowUs,
        'treasury',
        relay,
      );
      expect(again.ran && again.result.mail.sent).toBe(0);
      expect(received).toHaveLength(2);
    } finally {
      relay.close();
    }
    const sent = await t.store.notifications.listOutbox({ status: 'sent', limit: 10 });
    expect(sent.map((message) => message.attempts)).toEqual([1, 1]);
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });
});

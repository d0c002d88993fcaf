// The SMTP relay adapter against a real SMTP server in this process (the smtp-server package):
// the message arrives with its sender, recipient, subject and Arabic body intact; a relay that
// refuses the recipient or is not listening fails the send, which the delivery loop records.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smtpMailRelay } from './smtp-mail-relay.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

describe('the SMTP mail relay', () => {
  let server: SMTPServer;
  let port: number;
  const received: Received[] = [];

  beforeEach(async () => {
    received.length = 0;
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        callback(
          address.address.endsWith('@refused.example')
            ? Object.assign(new Error('mailbox unavailable'), { responseCode: 550 })
            : undefined,
        );
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterEach(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('hands a message to the relay with its envelope, subject, language and body', async () => {
    const relay = smtpMailRelay({
      url: `smtp://127.0.0.1:${port}`,
      from: 'qanat@example.org',
      timeoutMs: 5_000,
    });
    await relay.send({
      to: 'approver.one@example.org',
      subject: 'Qanat: الصرف PIL-1 بانتظارك',
      body: 'الصرف PIL-1 بانتظارك للموافقة.',
      language: 'ar',
      messageId: 'mail-0123456789abcdef',
    });
    relay.close();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      from: 'qanat@example.org',
      to: ['approver.one@example.org'],
    });
    const raw = received[0]!.raw;
    expect(raw).toMatch(/^Message-ID: <mail-0123456789abcdef@qanat>/im);
    expect(raw).toMatch(/^Content-Language: ar/im);
    // the subject is encoded (RFC 2047); the body, decoded, is the Arabic text
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/im);
    const [, body = ''] = raw.split(/\r?\n\r?\n/);
    const decoded = /quoted-printable/i.test(raw)
      ? Buffer.from(
          body
            .replace(/=\r?\n/g, '')
            .replace(/=([0-9A-F]{2})/g, (_m, hex: string) =>
              String.fromCharCode(parseInt(hex, 16)),
            ),
          'latin1',
        ).toString('utf8')
      : Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    expect(decoded.trim()).toBe('الصرف PIL-1 بانتظارك للموافقة.');
  });

  it('fails the send when the relay refuses the recipient, or nobody listens', async () => {
    const relay = smtpMailRelay({
      url: `smtp://127.0.0.1:${port}`,
      from: 'qanat@example.org',
      timeoutMs: 5_000,
    });
    await expect(
      relay.send({
        to: 'someone@refused.example',
        subject: 's',
        body: 'b',
        language: 'en',
        messageId: 'mail-1',
      }),
    ).rejects.toThrow(/550|mailbox unavailable/);
    relay.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const gone = smtpMailRelay({
      url: `smtp://127.0.0.1:${port}`,
      from: 'qanat@example.org',
      timeoutMs: 2_000,
    });
    await expect(
      gone.send({
        to: 'a@example.org',
        subject: 's',
        body: 'b',
        language: 'en',
        messageId: 'mail-2',
      }),
    ).rejects.toThrow();
    gone.close();
    // the afterEach closes it again: listen once more so that close has something to close
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  it('refuses a relay URL of another scheme', () => {
    expect(() => smtpMailRelay({ url: 'http://relay.example', from: 'qanat@example.org' })).toThrow(
      /smtp:\/\/ or smtps:\/\//,
    );
  });
});

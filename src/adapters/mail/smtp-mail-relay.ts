// The mail relay a deployment configures (QANAT_SMTP_URL, e.g. smtps://user:password@relay:465,
// and QANAT_MAIL_FROM), spoken to with nodemailer. Plain text only: a notice carries no links or
// markup a relay could rewrite. Without QANAT_SMTP_URL there is no relay and the outbox waits.
import nodemailer from 'nodemailer';
import type { MailRelayPort } from '../../app/notifications/deliver-outbox.js';

export interface SmtpRelaySettings {
  /** smtp://, or smtps:// for implicit TLS; credentials in the URL */
  readonly url: string;
  readonly from: string;
  /** per connection and per command; a relay that hangs must not stall the sweeps */
  readonly timeoutMs?: number;
}

const timeoutMsDefault = 20_000;

export function smtpMailRelay(settings: SmtpRelaySettings): MailRelayPort & { close(): void } {
  const url = new URL(settings.url);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error(`QANAT_SMTP_URL: expected smtp:// or smtps://, got ${url.protocol}`);
  const timeoutMs = settings.timeoutMs ?? timeoutMsDefault;
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    name: `smtp ${url.hostname}`,
    async send(message) {
      await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.body,
        // the outbox id: a relay or a reader can tell a retry of one message from two messages
        messageId: `<${message.messageId}@qanat>`,
        headers: { 'Content-Language': message.language },
      });
    },
    close: () => transport.close(),
  };
}

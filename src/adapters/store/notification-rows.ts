// Row mapping of notifications, notification_contacts and notification_outbox, shared by both adapters.
import {
  notificationKinds,
  notificationLanguages,
  type NotificationKind,
  type NotificationLanguage,
} from '../../core/notifications/notification.js';
import { big, optionalBig, optionalText, text, type Row } from '../../app/ports/row-values.js';
import {
  outboxStatuses,
  type NotificationContact,
  type NotificationRecord,
  type OutboxMessage,
  type OutboxStatus,
} from '../../app/ports/notification-port.js';

export const notificationColumns =
  'notification_id, user_id, kind, subject, programme_id, params, dedupe_key, created_at_us, read_at_us';
export const outboxColumns =
  'message_id, notification_id, user_id, to_address, language, subject, body, status, attempts, last_error, created_at_us, updated_at_us';

function oneOf<T extends string>(allowed: readonly T[], value: unknown, column: string): T {
  const found = text(value, column) as T;
  if (!allowed.includes(found)) throw new Error(`column ${column}: unknown value ${found}`);
  return found;
}

export function notificationToValues(record: NotificationRecord): unknown[] {
  return [
    record.notificationId,
    record.userId,
    record.kind,
    record.subject,
    record.programmeId,
    JSON.stringify(record.params),
    record.dedupeKey,
    record.createdAtUs,
    record.readAtUs,
  ];
}

export function notificationFromRow(row: Row): NotificationRecord {
  return {
    notificationId: text(row.notification_id, 'notification_id'),
    userId: text(row.user_id, 'user_id'),
    kind: oneOf<NotificationKind>(notificationKinds, row.kind, 'kind'),
    subject: text(row.subject, 'subject'),
    programmeId: optionalText(row.programme_id, 'programme_id'),
    params: JSON.parse(text(row.params, 'params')) as NotificationRecord['params'],
    dedupeKey: text(row.dedupe_key, 'dedupe_key'),
    createdAtUs: big(row.created_at_us, 'created_at_us'),
    readAtUs: optionalBig(row.read_at_us, 'read_at_us'),
  };
}

export function outboxToValues(message: OutboxMessage): unknown[] {
  return [
    message.messageId,
    message.notificationId,
    message.userId,
    message.toAddress,
    message.language,
    message.subject,
    message.body,
    message.status,
    BigInt(message.attempts),
    message.lastError,
    message.createdAtUs,
    message.updatedAtUs,
  ];
}

export function outboxFromRow(row: Row): OutboxMessage {
  return {
    messageId: text(row.message_id, 'message_id'),
    notificationId: text(row.notification_id, 'notification_id'),
    userId: text(row.user_id, 'user_id'),
    toAddress: text(row.to_address, 'to_address'),
    language: oneOf<NotificationLanguage>(notificationLanguages, row.language, 'language'),
    subject: text(row.subject, 'subject'),
    body: text(row.body, 'body'),
    status: oneOf<OutboxStatus>(outboxStatuses, row.status, 'status'),
    attempts: Number(big(row.attempts, 'attempts')),
    lastError: optionalText(row.last_error, 'last_error'),
    createdAtUs: big(row.created_at_us, 'created_at_us'),
    updatedAtUs: big(row.updated_at_us, 'updated_at_us'),
  };
}

export function contactFromRow(row: Row): NotificationContact {
  return {
    userId: text(row.user_id, 'user_id'),
    emailAddress: optionalText(row.email_address, 'email_address'),
    language: oneOf<NotificationLanguage>(notificationLanguages, row.language, 'language'),
    updatedAtUs: big(row.updated_at_us, 'updated_at_us'),
  };
}

// Writes notices inside the caller's transaction: the fact and the notice commit together or not at
// all. Each notice new for its person (dedupe key) gets an outbox e-mail when the person has given
// an address, in the language they chose.
import { randomBytes } from 'node:crypto';
import { mailText, type NotificationDraft } from '../../core/notifications/notification.js';
import type { NotificationRecord, OutboxMessage } from '../ports/notification-port.js';
import type { StoreSession } from '../ports/store-port.js';

const newId = (prefix: string): string => `${prefix}-${randomBytes(8).toString('hex')}`;
/** Qanat's own service users (system.scheduler, system.screening) hold roles but read no notices. */
const serviceUserPrefix = 'system.';

export async function recordNotices(
  tx: Pick<StoreSession, 'notifications'>,
  drafts: readonly NotificationDraft[],
  nowUs: bigint,
): Promise<NotificationRecord[]> {
  const forPeople = drafts.filter((draft) => !draft.userId.startsWith(serviceUserPrefix));
  if (forPeople.length === 0) return [];
  const records = forPeople.map((draft): NotificationRecord => ({
    ...draft,
    notificationId: newId('ntf'),
    createdAtUs: nowUs,
    readAtUs: null,
  }));
  const inserted = await tx.notifications.insertNotifications(records);
  if (inserted.length === 0) return inserted;
  const contacts = await tx.notifications.contactsOf([
    ...new Set(inserted.map((record) => record.userId)),
  ]);
  const messages = inserted.flatMap((record): OutboxMessage[] => {
    const contact = contacts.get(record.userId);
    if (!contact?.emailAddress) return [];
    const text = mailText(record.kind, record.params, contact.language);
    return [
      {
        messageId: newId('mail'),
        notificationId: record.notificationId,
        userId: record.userId,
        toAddress: contact.emailAddress,
        language: contact.language,
        subject: text.subject,
        body: text.body,
        status: 'pending',
        attempts: 0,
        lastError: null,
        createdAtUs: nowUs,
        updatedAtUs: nowUs,
      },
    ];
  });
  await tx.notifications.insertOutbox(messages);
  return inserted;
}

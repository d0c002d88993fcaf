// A person's own notices (never anyone else's), marking them read, where they want them e-mailed,
// and the administrator's view of the outbox. Marking read and the contact are state changes:
// one transaction each, with an audit event naming the person.
import { z } from 'zod';
import { DomainError } from '../../core/domain-error.js';
import {
  checkEmailAddress,
  notificationLanguages,
  type NotificationLanguage,
} from '../../core/notifications/notification.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { actorFor, requireRole } from '../kernel/users.js';
import { withWriteRetry } from '../kernel/write-retry.js';
import {
  notificationPageMax,
  type NewestFirstCursor,
  type NotificationContact,
  type NotificationRecord,
  type OutboxMessage,
  type OutboxStatus,
} from '../ports/notification-port.js';
import type { Store } from '../ports/store-port.js';

export const markReadIdsMax = 200;
const notificationIdSchema = z.string().regex(/^ntf-[0-9a-f]{16}$/);

export async function listNotifications(
  store: Store,
  userId: string,
  options: { unreadOnly: boolean; before?: NewestFirstCursor; limit: number },
): Promise<{ items: NotificationRecord[]; unread: number }> {
  // one past the largest page: the caller fetches limit + 1 to know whether another page follows
  const limit = Math.min(Math.max(1, options.limit), notificationPageMax + 1);
  return {
    items: await store.notifications.listForUser(userId, { ...options, limit }),
    unread: await store.notifications.unreadCount(userId),
  };
}

/** Marks the caller's own notices read. Ids of others' notices, or already read, change nothing: a retry is harmless. */
export async function markNotificationsRead(
  store: Store,
  ids: readonly string[],
  context: ActorContext,
): Promise<{ marked: string[]; unread: number }> {
  checkActorContext(context);
  if (ids.length === 0 || ids.length > markReadIdsMax)
    throw new DomainError('notification.ids_invalid', `name 1–${markReadIdsMax} notifications`, {
      field: 'notificationIds',
    });
  const bad = ids.find((id) => !notificationIdSchema.safeParse(id).success);
  if (bad !== undefined)
    throw new DomainError(
      'notification.ids_invalid',
      `"${bad.slice(0, 40)}" is not a notification id`,
      { field: 'notificationIds' },
    );
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      await actorFor(tx, context.actor, '*');
      const marked = await tx.notifications.markRead(context.actor, ids, context.nowUs);
      if (marked.length > 0) {
        await tx.audit.append({
          kind: 'notification.read',
          actor: context.actor,
          reason: context.reason,
          atUs: context.nowUs,
          subject: `user:${context.actor}`,
          payload: { notificationIds: marked },
        });
      }
      return { marked, unread: await tx.notifications.unreadCount(context.actor) };
    }),
  );
}

export const contactInputSchema = z.strictObject({
  emailAddress: z.string().max(254).nullable(),
  language: z.enum(notificationLanguages),
});

export async function notificationContact(
  store: Store,
  userId: string,
): Promise<{ emailAddress: string | null; language: NotificationLanguage }> {
  const contact = (await store.notifications.contactsOf([userId])).get(userId);
  return { emailAddress: contact?.emailAddress ?? null, language: contact?.language ?? 'en' };
}

/** The caller's own address and language (null: no e-mail, notices only in the app). */
export async function setNotificationContact(
  store: Store,
  input: z.input<typeof contactInputSchema>,
  context: ActorContext,
): Promise<NotificationContact> {
  checkActorContext(context);
  const parsed = contactInputSchema.safeParse(input);
  if (!parsed.success)
    throw new DomainError(
      'notification.contact_invalid',
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      { field: String(parsed.error.issues[0]?.path[0] ?? 'contact') },
    );
  const emailAddress = parsed.data.emailAddress?.trim() || null;
  if (emailAddress !== null) checkEmailAddress(emailAddress);
  const contact: NotificationContact = {
    userId: context.actor,
    emailAddress,
    language: parsed.data.language,
    updatedAtUs: context.nowUs,
  };
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      await actorFor(tx, context.actor, '*');
      await tx.notifications.saveContact(contact);
      // the address itself stays out of the log (personal data); the row hash still binds it
      await tx.audit.append({
        kind: 'notification.contact_set',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `user:${context.actor}`,
        payload: { email: emailAddress !== null, language: contact.language },
      });
      return contact;
    }),
  );
}

/** Every user's queued e-mail, newest first: what an administrator checks when no relay is configured. */
export async function listOutbox(
  store: Store,
  userId: string,
  options: { status?: OutboxStatus; before?: NewestFirstCursor; limit: number },
): Promise<OutboxMessage[]> {
  await requireRole(store, userId, 'user.change');
  return store.notifications.listOutbox({
    ...options,
    limit: Math.min(Math.max(1, options.limit), notificationPageMax + 1),
  });
}

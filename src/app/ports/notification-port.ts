// Notices per person (read/unread) and the e-mail outbox a mail relay drains (issue 14,
// "Notifications"). Kept apart from store-port.ts so that file gains one line; both adapters
// implement it in files of the same name. Every table here is row-bound by the audit journal.
import type { StoredGrant } from './user-repository-port.js';
import type {
  NotificationDraft,
  NotificationLanguage,
} from '../../core/notifications/notification.js';
import type { InstantUs } from '../../core/time/instant.js';

/** A draft as stored: the same facts, with its id, time and whether it was read. */
export interface NotificationRecord extends NotificationDraft {
  readonly notificationId: string;
  readonly createdAtUs: InstantUs;
  readonly readAtUs: InstantUs | null;
}

export const outboxStatuses = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export interface OutboxMessage {
  readonly messageId: string;
  readonly notificationId: string;
  readonly userId: string;
  readonly toAddress: string;
  readonly language: NotificationLanguage;
  readonly subject: string;
  readonly body: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAtUs: InstantUs;
  readonly updatedAtUs: InstantUs;
}

/** Where (and in which language) a person wants their notices e-mailed; set by the person. */
export interface NotificationContact {
  readonly userId: string;
  readonly emailAddress: string | null;
  readonly language: NotificationLanguage;
  readonly updatedAtUs: InstantUs;
}

/** keyset position in a newest-first list */
export interface NewestFirstCursor {
  readonly beforeAtUs: InstantUs;
  readonly beforeId: string;
}

export const notificationPageMax = 200;

export interface NotificationRepository {
  /** inserts each draft whose (user, dedupe key) is new; returns those inserted */
  insertNotifications(records: readonly NotificationRecord[]): Promise<NotificationRecord[]>;
  /** one user's notices, newest first */
  listForUser(
    userId: string,
    options: {
      readonly unreadOnly: boolean;
      readonly before?: NewestFirstCursor;
      readonly limit: number;
    },
  ): Promise<NotificationRecord[]>;
  unreadCount(userId: string): Promise<number>;
  /** marks the user's own unread ones among `ids`; returns the ids it changed (others: none, or not theirs) */
  markRead(userId: string, ids: readonly string[], atUs: InstantUs): Promise<string[]>;
  /** grants on this programme or on every programme ('*'), of every user: who a notice may be for */
  grantsOnProgramme(programmeId: string): Promise<StoredGrant[]>;
  /** grants on every programme ('*') holding this role */
  globalGrantsOfRole(role: string): Promise<StoredGrant[]>;
  contactsOf(userIds: readonly string[]): Promise<Map<string, NotificationContact>>;
  saveContact(contact: NotificationContact): Promise<void>;
  insertOutbox(messages: readonly OutboxMessage[]): Promise<void>;
  /** newest first, every user's; only those with the status when given */
  listOutbox(options: {
    readonly status?: OutboxStatus;
    readonly before?: NewestFirstCursor;
    readonly limit: number;
  }): Promise<OutboxMessage[]>;
  countOutbox(status: OutboxStatus): Promise<number>;
  /** pending messages, oldest first: what the delivery loop sends next */
  pendingOutbox(limit: number): Promise<OutboxMessage[]>;
  /** false when the message was no longer pending (another process delivered it): nothing written */
  recordDelivery(message: OutboxMessage): Promise<boolean>;
}

import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import type { Row } from '../../../app/ports/row-values.js';
import type { StoredGrant } from '../../../app/ports/user-repository-port.js';
import type {
  NewestFirstCursor,
  NotificationContact,
  NotificationRecord,
  NotificationRepository,
  OutboxMessage,
  OutboxStatus,
} from '../../../app/ports/notification-port.js';
import {
  contactFromRow,
  notificationColumns,
  notificationFromRow,
  notificationToValues,
  outboxColumns,
  outboxFromRow,
  outboxToValues,
} from '../notification-rows.js';
import { grantFromRow } from '../user-rows.js';
import type { Queryable } from './queryable.js';

const sqlValue = (value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;
const farFuture = { beforeAtUs: 2n ** 62n, beforeId: '' } as const;

export class PostgresNotificationRepository implements NotificationRepository {
  constructor(
    private readonly db: Queryable,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {}

  private async rows(sql: string, values: unknown[]): Promise<Row[]> {
    return (await this.db.query(sql, values.map(sqlValue))).rows as Row[];
  }

  private async changed(sql: string, values: unknown[]): Promise<boolean> {
    return ((await this.db.query(sql, values.map(sqlValue))).rowCount ?? 0) > 0;
  }

  async insertNotifications(records: readonly NotificationRecord[]): Promise<NotificationRecord[]> {
    const inserted: NotificationRecord[] = [];
    for (const record of records) {
      const sql = `INSERT INTO notifications (${notificationColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (user_id, dedupe_key) DO NOTHING`;
      if (await this.changed(sql, notificationToValues(record))) inserted.push(record);
    }
    for (const record of inserted) this.journal.row('notifications', record.notificationId);
    return inserted;
  }

  async listForUser(
    userId: string,
    options: { unreadOnly: boolean; before?: NewestFirstCursor; limit: number },
  ): Promise<NotificationRecord[]> {
    const before = options.before ?? farFuture;
    const unread = options.unreadOnly ? 'AND read_at_us IS NULL' : '';
    const rows = await this.rows(
      `SELECT * FROM notifications WHERE user_id = $1 ${unread} AND (created_at_us < $2 OR (created_at_us = $2 AND ($3 = '' OR notification_id < $3))) ORDER BY created_at_us DESC, notification_id DESC LIMIT $4`,
      [userId, before.beforeAtUs, before.beforeId, options.limit],
    );
    return rows.map(notificationFromRow);
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.rows(
      'SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at_us IS NULL',
      [userId],
    );
    return Number(row?.n ?? 0);
  }

  async markRead(userId: string, ids: readonly string[], atUs: bigint): Promise<string[]> {
    const changed: string[] = [];
    for (const id of new Set(ids)) {
      if (
        await this.changed(
          'UPDATE notifications SET read_at_us = $1 WHERE notification_id = $2 AND user_id = $3 AND read_at_us IS NULL',
          [atUs, id, userId],
        )
      )
        changed.push(id);
    }
    for (const id of changed) this.journal.row('notifications', id);
    return changed;
  }

  async grantsOnProgramme(programmeId: string): Promise<StoredGrant[]> {
    return (
      await this.rows(
        "SELECT * FROM user_grants WHERE programme_id IN ($1, '*') ORDER BY user_id, role, programme_id",
        [programmeId],
      )
    ).map(grantFromRow);
  }

  async globalGrantsOfRole(role: string): Promise<StoredGrant[]> {
    return (
      await this.rows(
        "SELECT * FROM user_grants WHERE programme_id = '*' AND role = $1 ORDER BY user_id",
        [role],
      )
    ).map(grantFromRow);
  }

  async contactsOf(userIds: readonly string[]): Promise<Map<string, NotificationContact>> {
    const rows = await this.rows(
      'SELECT * FROM notification_contacts WHERE user_id = ANY($1::text[])',
      [[...userIds]],
    );
    return new Map(rows.map((row) => [String(row.user_id), contactFromRow(row)]));
  }

  async saveContact(contact: NotificationContact): Promise<void> {
    this.journal.row('notification_contacts', contact.userId);
    await this.rows(
      'INSERT INTO notification_contacts (user_id, email_address, language, updated_at_us) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id) DO UPDATE SET email_address = excluded.email_address, language = excluded.language, updated_at_us = excluded.updated_at_us',
      [contact.userId, contact.emailAddress, contact.language, contact.updatedAtUs],
    );
  }

  async insertOutbox(messages: readonly OutboxMessage[]): Promise<void> {
    for (const message of messages) this.journal.row('notification_outbox', message.messageId);
    for (const message of messages) {
      await this.rows(
        `INSERT INTO notification_outbox (${outboxColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        outboxToValues(message),
      );
    }
  }

  async listOutbox(options: {
    status?: OutboxStatus;
    before?: NewestFirstCursor;
    limit: number;
  }): Promise<OutboxMessage[]> {
    const before = options.before ?? farFuture;
    const rows = await this.rows(
      `SELECT * FROM notification_outbox WHERE ($1::text IS NULL OR status = $1) AND (created_at_us < $2 OR (created_at_us = $2 AND ($3 = '' OR message_id < $3))) ORDER BY created_at_us DESC, message_id DESC LIMIT $4`,
      [options.status ?? null, before.beforeAtUs, before.beforeId, options.limit],
    );
    return rows.map(outboxFromRow);
  }

  async countOutbox(status: OutboxStatus): Promise<number> {
    const [row] = await this.rows(
      'SELECT COUNT(*) AS n FROM notification_outbox WHERE status = $1',
      [status],
    );
    return Number(row?.n ?? 0);
  }

  async pendingOutbox(limit: number): Promise<OutboxMessage[]> {
    return (
      await this.rows(
        "SELECT * FROM notification_outbox WHERE status = 'pending' ORDER BY created_at_us, message_id LIMIT $1",
        [limit],
      )
    ).map(outboxFromRow);
  }

  async recordDelivery(message: OutboxMessage): Promise<boolean> {
    const changed = await this.changed(
      "UPDATE notification_outbox SET status = $1, attempts = $2, last_error = $3, updated_at_us = $4 WHERE message_id = $5 AND status = 'pending'",
      [message.status, message.attempts, message.lastError, message.updatedAtUs, message.messageId],
    );
    if (changed) this.journal.row('notification_outbox', message.messageId);
    return changed;
  }
}

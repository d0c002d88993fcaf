import type Database from 'better-sqlite3';
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
import { SqliteStatementCache } from './sqlite-statement-cache.js';

const farFuture = { beforeAtUs: 2n ** 62n, beforeId: '' } as const;

export class SqliteNotificationRepository implements NotificationRepository {
  private readonly sql: SqliteStatementCache;
  constructor(
    db: Database.Database,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {
    this.sql = new SqliteStatementCache(db);
  }

  async insertNotifications(records: readonly NotificationRecord[]): Promise<NotificationRecord[]> {
    const insert = this.sql.get(
      `INSERT INTO notifications (${notificationColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
    );
    const inserted = records.filter(
      (record) => insert.run(...notificationToValues(record)).changes === 1,
    );
    for (const record of inserted) this.journal.row('notifications', record.notificationId);
    return inserted;
  }

  async listForUser(
    userId: string,
    options: { unreadOnly: boolean; before?: NewestFirstCursor; limit: number },
  ): Promise<NotificationRecord[]> {
    const before = options.before ?? farFuture;
    const unread = options.unreadOnly ? 'AND read_at_us IS NULL' : '';
    const rows = this.sql
      .get(
        `SELECT * FROM notifications WHERE user_id = ? ${unread} AND (created_at_us < ? OR (created_at_us = ? AND (? = '' OR notification_id < ?))) ORDER BY created_at_us DESC, notification_id DESC LIMIT ?`,
      )
      .all(
        userId,
        before.beforeAtUs,
        before.beforeAtUs,
        before.beforeId,
        before.beforeId,
        options.limit,
      ) as Row[];
    return rows.map(notificationFromRow);
  }

  async unreadCount(userId: string): Promise<number> {
    const row = this.sql
      .get('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at_us IS NULL')
      .get(userId) as Row;
    return Number(row.n);
  }

  async markRead(userId: string, ids: readonly string[], atUs: bigint): Promise<string[]> {
    const update = this.sql.get(
      'UPDATE notifications SET read_at_us = ? WHERE notification_id = ? AND user_id = ? AND read_at_us IS NULL',
    );
    const changed = [...new Set(ids)].filter((id) => update.run(atUs, id, userId).changes === 1);
    for (const id of changed) this.journal.row('notifications', id);
    return changed;
  }

  async grantsOnProgramme(programmeId: string): Promise<StoredGrant[]> {
    return (
      this.sql
        .get(
          "SELECT * FROM user_grants WHERE programme_id IN (?, '*') ORDER BY user_id, role, programme_id",
        )
        .all(programmeId) as Row[]
    ).map(grantFromRow);
  }

  async globalGrantsOfRole(role: string): Promise<StoredGrant[]> {
    return (
      this.sql
        .get("SELECT * FROM user_grants WHERE programme_id = '*' AND role = ? ORDER BY user_id")
        .all(role) as Row[]
    ).map(grantFromRow);
  }

  async contactsOf(userIds: readonly string[]): Promise<Map<string, NotificationContact>> {
    const rows = this.sql
      .get('SELECT * FROM notification_contacts WHERE user_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(userIds)) as Row[];
    return new Map(rows.map((row) => [String(row.user_id), contactFromRow(row)]));
  }

  async saveContact(contact: NotificationContact): Promise<void> {
    this.sql
      .get(
        'INSERT INTO notification_contacts (user_id, email_address, language, updated_at_us) VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET email_address = excluded.email_address, language = excluded.language, updated_at_us = excluded.updated_at_us',
      )
      .run(contact.userId, contact.emailAddress, contact.language, contact.updatedAtUs);
    this.journal.row('notification_contacts', contact.userId);
  }

  async insertOutbox(messages: readonly OutboxMessage[]): Promise<void> {
    const insert = this.sql.get(
      `INSERT INTO notification_outbox (${outboxColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const message of messages) insert.run(...outboxToValues(message));
    for (const message of messages) this.journal.row('notification_outbox', message.messageId);
  }

  async listOutbox(options: {
    status?: OutboxStatus;
    before?: NewestFirstCursor;
    limit: number;
  }): Promise<OutboxMessage[]> {
    const before = options.before ?? farFuture;
    const status = options.status === undefined ? '' : 'AND status = ?';
    const values = [
      ...(options.status === undefined ? [] : [options.status]),
      before.beforeAtUs,
      before.beforeAtUs,
      before.beforeId,
      before.beforeId,
      options.limit,
    ];
    const rows = this.sql
      .get(
        `SELECT * FROM notification_outbox WHERE 1 = 1 ${status} AND (created_at_us < ? OR (created_at_us = ? AND (? = '' OR message_id < ?))) ORDER BY created_at_us DESC, message_id DESC LIMIT ?`,
      )
      .all(...values) as Row[];
    return rows.map(outboxFromRow);
  }

  async countOutbox(status: OutboxStatus): Promise<number> {
    return Number(
      (
        this.sql
          .get('SELECT COUNT(*) AS n FROM notification_outbox WHERE status = ?')
          .get(status) as Row
      ).n,
    );
  }

  async pendingOutbox(limit: number): Promise<OutboxMessage[]> {
    return (
      this.sql
        .get(
          "SELECT * FROM notification_outbox WHERE status = 'pending' ORDER BY created_at_us, message_id LIMIT ?",
        )
        .all(limit) as Row[]
    ).map(outboxFromRow);
  }

  async recordDelivery(message: OutboxMessage): Promise<boolean> {
    const result = this.sql
      .get(
        "UPDATE notification_outbox SET status = ?, attempts = ?, last_error = ?, updated_at_us = ? WHERE message_id = ? AND status = 'pending'",
      )
      .run(
        message.status,
        BigInt(message.attempts),
        message.lastError,
        message.updatedAtUs,
        message.messageId,
      );
    if (result.changes === 0) return false;
    this.journal.row('notification_outbox', message.messageId);
    return true;
  }
}

// Notifications (issue 14): the caller's own notices, newest first, with the unread count; marking
// them read; where the caller wants them e-mailed; and, for an administrator, the e-mail outbox
// (what waits for the relay, or failed). Nobody reads or marks anyone else's notices.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../core/domain-error.js';
import {
  notificationKinds,
  notificationLanguages,
} from '../../../core/notifications/notification.js';
import { outboxStatuses, type NewestFirstCursor } from '../../../app/ports/notification-port.js';
import {
  contactInputSchema,
  listNotifications,
  listOutbox,
  markNotificationsRead,
  markReadIdsMax,
  notificationContact,
  setNotificationContact,
} from '../../../app/notifications/notification-service.js';
import { actingAs, principalOf, type ApiContext } from '../api-context.js';
import { idempotent } from '../idempotency.js';
import { jsonSafe } from '../json-safe.js';
import { decodeCursor, encodeCursor, pageQuerySchema } from '../pagination.js';
import { defineRoute, reasonSchema } from '../route-kit.js';

const notificationSchema = z
  .object({
    notificationId: z.string(),
    kind: z.enum(notificationKinds),
    subject: z
      .string()
      .describe('what it is about: disbursement:ID, hit:ID or waiver:PROGRAMME/ID'),
    programmeId: z.string().nullable(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    createdAtUs: z.string(),
    readAtUs: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

const outboxMessageSchema = z
  .object({
    messageId: z.string(),
    notificationId: z.string(),
    userId: z.string(),
    toAddress: z.string(),
    language: z.enum(notificationLanguages),
    subject: z.string(),
    body: z.string(),
    status: z.enum(outboxStatuses),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAtUs: z.string(),
    updatedAtUs: z.string(),
  })
  .meta({ id: 'OutboxMessage' });

const contactSchema = z
  .object({ emailAddress: z.string().nullable(), language: z.enum(notificationLanguages) })
  .meta({ id: 'NotificationContact' });

function cursorOf(item: { createdAtUs: bigint; id: string }): string {
  return encodeCursor(`${item.createdAtUs}/${item.id}`);
}

function positionOf(cursor: string | undefined): NewestFirstCursor | undefined {
  const after = decodeCursor(cursor);
  if (after === undefined) return undefined;
  const match = /^(\d{1,19})\/([a-z0-9-]{1,64})$/.exec(after);
  if (!match)
    throw new DomainError(
      'input.invalid_cursor',
      'cursor: use the nextCursor of the previous page',
      { field: 'cursor' },
    );
  return { beforeAtUs: BigInt(match[1]!), beforeId: match[2]! };
}

/** a page of newest-first rows, fetched one past the limit to know whether another page follows */
function newestFirstPage<T>(
  rows: readonly T[],
  limit: number,
  keyOf: (row: T) => { createdAtUs: bigint; id: string },
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? cursorOf(keyOf(last)) : null,
  };
}

export function registerNotificationRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;

  defineRoute(server, context, {
    operationId: 'listNotifications',
    method: 'GET',
    url: '/notifications',
    summary: "the caller's own notices, newest first, and how many are unread",
    tags: ['notifications'],
    querystring: pageQuerySchema.extend({ unread: z.enum(['true', 'false']).optional() }),
    response: {
      200: z.object({
        items: z.array(notificationSchema),
        nextCursor: z.string().nullable(),
        unread: z.number().int(),
      }),
    },
    handler: async (request) => {
      const { limit, cursor } = request.query;
      const before = positionOf(cursor);
      const listed = await listNotifications(app.store, principalOf(request).userId, {
        unreadOnly: request.query.unread === 'true',
        limit: limit + 1,
        ...(before ? { before } : {}),
      });
      const page = newestFirstPage(listed.items, limit, (notice) => ({
        createdAtUs: notice.createdAtUs,
        id: notice.notificationId,
      }));
      const items = page.items.map(({ userId: _userId, dedupeKey: _dedupeKey, ...rest }) => rest);
      return jsonSafe({ items, nextCursor: page.nextCursor, unread: listed.unread }) as never;
    },
  });

  defineRoute(server, context, {
    operationId: 'countUnreadNotifications',
    method: 'GET',
    url: '/notifications/unread-count',
    summary: "how many of the caller's notices are unread (the navigation's badge)",
    tags: ['notifications'],
    response: { 200: z.object({ unread: z.number().int() }) },
    handler: async (request) => ({
      unread: await app.store.notifications.unreadCount(principalOf(request).userId),
    }),
  });

  defineRoute(server, context, {
    operationId: 'markNotificationsRead',
    method: 'POST',
    url: '/notifications/read',
    summary: "marks the caller's own notices read; others' ids and read ones change nothing",
    tags: ['notifications'],
    idempotent: true,
    body: z.strictObject({
      notificationIds: z.array(z.string().max(64)).min(1).max(markReadIdsMax),
      reason: reasonSchema.optional(),
    }),
    response: { 200: z.object({ marked: z.array(z.string()), unread: z.number().int() }) },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => ({
        status: 200,
        body: await markNotificationsRead(
          app.store,
          request.body.notificationIds,
          actingAs(context, request, request.body.reason ?? 'notifications read'),
        ),
      })),
  });

  defineRoute(server, context, {
    operationId: 'getNotificationContact',
    method: 'GET',
    url: '/notifications/contact',
    summary: "where the caller's notices are e-mailed (null: not e-mailed) and in which language",
    tags: ['notifications'],
    response: { 200: contactSchema },
    handler: async (request) => notificationContact(app.store, principalOf(request).userId),
  });

  defineRoute(server, context, {
    operationId: 'setNotificationContact',
    method: 'POST',
    url: '/notifications/contact',
    summary: "sets the caller's own e-mail address for notices (null: none) and their language",
    tags: ['notifications'],
    idempotent: true,
    body: contactInputSchema.extend({ reason: reasonSchema.optional() }),
    response: { 200: contactSchema },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const { reason, ...input } = request.body;
        const contact = await setNotificationContact(
          app.store,
          input,
          actingAs(context, request, reason ?? 'notification contact set'),
        );
        return {
          status: 200,
          body: { emailAddress: contact.emailAddress, language: contact.language },
        };
      }),
  });

  defineRoute(server, context, {
    operationId: 'listMailOutbox',
    method: 'GET',
    url: '/notifications/outbox',
    summary:
      'every queued e-mail, newest first: pending (no relay configured, or not yet sent), sent or failed',
    tags: ['notifications'],
    querystring: pageQuerySchema.extend({ status: z.enum(outboxStatuses).optional() }),
    response: {
      200: z.object({ items: z.array(outboxMessageSchema), nextCursor: z.string().nullable() }),
    },
    handler: async (request) => {
      const { limit, cursor, status } = request.query;
      const before = positionOf(cursor);
      const rows = await listOutbox(app.store, principalOf(request).userId, {
        limit: limit + 1,
        ...(status ? { status } : {}),
        ...(before ? { before } : {}),
      });
      return jsonSafe(
        newestFirstPage(rows, limit, (message) => ({
          createdAtUs: message.createdAtUs,
          id: message.messageId,
        })),
      ) as never;
    },
  });
}

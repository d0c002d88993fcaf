// Hands the outbox to the mail relay a deployment configures, a batch per run (the scheduler runs
// it after the sweeps). Without a relay nothing is sent and every message stays pending, listed
// for an administrator. Each outcome is one transaction with its audit event; a message another
// process already delivered is skipped, and a message that keeps failing stops after attemptsMax.
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { requireRole } from '../kernel/users.js';
import type { OutboxMessage } from '../ports/notification-port.js';
import type { Store } from '../ports/store-port.js';

/** The port a mail relay adapter implements: resolves once the relay accepted the message. */
export interface MailRelayPort {
  readonly name: string;
  send(message: {
    readonly to: string;
    readonly subject: string;
    readonly body: string;
    readonly language: string;
    readonly messageId: string;
  }): Promise<void>;
}

export const deliveryBatchMax = 50;
export const deliveryAttemptsMax = 5;
const errorLengthMax = 500;

export interface DeliveryReport {
  readonly relay: string | null;
  readonly sent: number;
  readonly retrying: number;
  readonly failed: number;
  /** still pending after this run (all of them when no relay is configured) */
  readonly pending: number;
}

export async function deliverOutbox(
  store: Store,
  relay: MailRelayPort | undefined,
  context: ActorContext,
  options: { batchMax?: number; attemptsMax?: number } = {},
): Promise<DeliveryReport> {
  checkActorContext(context);
  await requireRole(store, context.actor, 'notifications.deliver');
  const attemptsMax = options.attemptsMax ?? deliveryAttemptsMax;
  const batch =
    relay === undefined
      ? []
      : await store.notifications.pendingOutbox(options.batchMax ?? deliveryBatchMax);
  let sent = 0;
  let retrying = 0;
  let failed = 0;
  for (const message of batch) {
    let outcome: OutboxMessage;
    try {
      await relay!.send({
        to: message.toAddress,
        subject: message.subject,
        body: message.body,
        language: message.language,
        messageId: message.messageId,
      });
      outcome = {
        ...message,
        status: 'sent',
        attempts: message.attempts + 1,
        lastError: null,
        updatedAtUs: context.nowUs,
      };
    } catch (error) {
      const attempts = message.attempts + 1;
      const lastError = (error instanceof Error ? error.message : String(error)).slice(
        0,
        errorLengthMax,
      );
      outcome = {
        ...message,
        status: attempts >= attemptsMax ? 'failed' : 'pending',
        attempts,
        lastError,
        updatedAtUs: context.nowUs,
      };
    }
    const recorded = await store.transaction(async (tx) => {
      if (!(await tx.notifications.recordDelivery(outcome))) return false;
      await tx.audit.append({
        kind: outcome.status === 'sent' ? 'notification.mail_sent' : 'notification.mail_failed',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `user:${message.userId}`,
        payload: {
          messageId: message.messageId,
          notificationId: message.notificationId,
          relay: relay!.name,
          status: outcome.status,
          attempts: outcome.attempts,
        },
      });
      return true;
    });
    if (!recorded) continue;
    if (outcome.status === 'sent') sent += 1;
    else if (outcome.status === 'failed') failed += 1;
    else retrying += 1;
  }
  const pending = await store.notifications.countOutbox('pending');
  return { relay: relay?.name ?? null, sent, retrying, failed, pending };
}

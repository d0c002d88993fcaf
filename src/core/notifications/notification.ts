// What a person is told, as plain data: the kinds of notice, the facts each carries, and the
// e-mail text for it in English or Arabic. Recipients are decided by the use cases (who holds the
// duty); this file only says what a notice is and how it reads.
import { DomainError } from '../domain-error.js';

export const notificationKinds = [
  'hit_raised',
  'waiver_expiring',
  'request_closed',
  'work_waiting',
  'configuration_waiting',
  'role_change_waiting',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationLanguages = ['en', 'ar'] as const;
export type NotificationLanguage = (typeof notificationLanguages)[number];

/** Facts a notice names: short strings and numbers only, shown as they are. */
export type NotificationParams = Readonly<Record<string, string | number>>;

export interface NotificationDraft {
  readonly userId: string;
  readonly kind: NotificationKind;
  /** what the notice is about, e.g. `disbursement:D-1` (the web app links it) */
  readonly subject: string;
  readonly programmeId: string | null;
  readonly params: NotificationParams;
  /**
   * One notice per fact and person: a second draft with the same key for the same user is
   * dropped, so a retried step or a sweep run twice never tells anyone twice.
   */
  readonly dedupeKey: string;
}

export const emailAddressLengthMax = 254;
// deliberately loose (a relay is the real judge): one @, no spaces, a dot in the domain
const emailPattern = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

export function checkEmailAddress(address: string): void {
  if (address.length > emailAddressLengthMax || !emailPattern.test(address)) {
    throw new DomainError(
      'notification.invalid_email',
      `"${address.slice(0, 80)}" is not an e-mail address`,
      { field: 'emailAddress' },
    );
  }
}

export interface MailText {
  readonly subject: string;
  readonly body: string;
}

const p = (params: NotificationParams, key: string): string => String(params[key] ?? '');

const queueNames: Readonly<Record<string, { en: string; ar: string }>> = {
  to_submit: { en: 'to submit', ar: 'للتقديم' },
  to_screen: { en: 'to clear in compliance review', ar: 'للمراجعة في الامتثال' },
  to_approve: { en: 'to approve', ar: 'للموافقة' },
  to_reserve: { en: 'to reserve funds for', ar: 'لحجز الأموال' },
  to_instruct: { en: 'to instruct the bank for', ar: 'لإصدار تعليمات الدفع إلى المصرف' },
  to_reconcile: { en: "to record the bank's execution of", ar: 'لتسجيل تنفيذ المصرف' },
};

const statusNames: Readonly<Record<string, { en: string; ar: string }>> = {
  rejected: { en: 'rejected', ar: 'مرفوض' },
  returned: { en: 'returned by the bank', ar: 'أعاده المصرف' },
  expired: { en: 'expired (its waiver lapsed)', ar: 'منتهي الصلاحية (انقضى الإعفاء)' },
  cancelled: { en: 'cancelled', ar: 'ملغى' },
  executed: { en: 'paid by the bank', ar: 'دفعه المصرف' },
};

/** The e-mail for one notice; the same facts the web app shows, in the person's language. */
export function mailText(
  kind: NotificationKind,
  params: NotificationParams,
  language: NotificationLanguage,
): MailText {
  const ar = language === 'ar';
  switch (kind) {
    case 'hit_raised':
      return ar
        ? {
            subject: `Qanat: تطابق جديد في الفحص ${p(params, 'hitId')}`,
            body: `ظهر تطابق جديد في فحص العقوبات للطرف ${p(params, 'partyId')} (الدرجة ${p(params, 'score')}). يمكنك البت فيه في صفحة مراجعة الفحص.`,
          }
        : {
            subject: `Qanat: new screening hit ${p(params, 'hitId')}`,
            body: `Sanctions screening raised a new hit on party ${p(params, 'partyId')} (score ${p(params, 'score')}). You can decide it on the screening review page.`,
          };
    case 'waiver_expiring':
      return ar
        ? {
            subject: `Qanat: الإعفاء ${p(params, 'waiverId')} ينتهي خلال ${p(params, 'daysRemaining')} يومًا`,
            body: `الإعفاء ${p(params, 'waiverId')} للبرنامج ${p(params, 'programmeId')} يبقى نافذًا حتى ${p(params, 'lastDayInForce')} (تحذير ${p(params, 'thresholdDays')} يومًا). القنوات التي تفقد التغطية: ${p(params, 'channelIds')}.`,
          }
        : {
            subject: `Qanat: waiver ${p(params, 'waiverId')} ends in ${p(params, 'daysRemaining')} days`,
            body: `Waiver ${p(params, 'waiverId')} of programme ${p(params, 'programmeId')} is in force until ${p(params, 'lastDayInForce')} (the ${p(params, 'thresholdDays')}-day warning). Channels losing cover: ${p(params, 'channelIds')}.`,
          };
    case 'request_closed': {
      const status = statusNames[p(params, 'status')] ?? {
        en: p(params, 'status'),
        ar: p(params, 'status'),
      };
      return ar
        ? {
            subject: `Qanat: طلبك ${p(params, 'disbursementId')} ${status.ar}`,
            body: `طلب الصرف ${p(params, 'disbursementId')} الذي قدمته أصبح ${status.ar}. السبب: ${p(params, 'reason')}`,
          }
        : {
            subject: `Qanat: your request ${p(params, 'disbursementId')} is ${status.en}`,
            body: `The disbursement ${p(params, 'disbursementId')} you requested is ${status.en}. Reason: ${p(params, 'reason')}`,
          };
    }
    case 'work_waiting': {
      const queue = queueNames[p(params, 'queue')] ?? {
        en: p(params, 'queue'),
        ar: p(params, 'queue'),
      };
      return ar
        ? {
            subject: `Qanat: الصرف ${p(params, 'disbursementId')} بانتظارك`,
            body: `الصرف ${p(params, 'disbursementId')} (${p(params, 'amount')} ${p(params, 'currency')}) بانتظارك ${queue.ar}. تجده في صفحة "عملي".`,
          }
        : {
            subject: `Qanat: disbursement ${p(params, 'disbursementId')} waits for you`,
            body: `The disbursement ${p(params, 'disbursementId')} (${p(params, 'amount')} ${p(params, 'currency')}) waits for you ${queue.en}. It is on your "My work" page.`,
          };
    }
    case 'configuration_waiting':
      return ar
        ? {
            subject: `Qanat: تغيير الإعدادات ${p(params, 'proposalId')} بانتظار موافقتك`,
            body: `اقترح ${p(params, 'proposedBy')} تغييرًا (${p(params, 'kind')} ${p(params, 'subjectId')}) على البرنامج ${p(params, 'programmeId')}. يلزم شخص ثانٍ للموافقة عليه أو رفضه في صفحة "عملي".`,
          }
        : {
            subject: `Qanat: configuration change ${p(params, 'proposalId')} waits for your approval`,
            body: `${p(params, 'proposedBy')} proposed a change (${p(params, 'kind')} ${p(params, 'subjectId')}) to programme ${p(params, 'programmeId')}. A second person approves or rejects it on the "My work" page.`,
          };
    case 'role_change_waiting':
      return ar
        ? {
            subject: `Qanat: تغيير أدوار ${p(params, 'userId')} بانتظار موافقتك`,
            body: `اقترح ${p(params, 'proposedBy')} منح ${p(params, 'userId')} الأدوار: ${p(params, 'grants')}. يلزم مسؤول ثانٍ للموافقة: qanat user approve ${p(params, 'proposalId')}`,
          }
        : {
            subject: `Qanat: role change for ${p(params, 'userId')} waits for your approval`,
            body: `${p(params, 'proposedBy')} proposed the roles ${p(params, 'grants')} for ${p(params, 'userId')}. A second administrator approves it: qanat user approve ${p(params, 'proposalId')}`,
          };
  }
}

// The report's headings in its two languages. Arabic is the overseer's working language for the
// reference programme; English is the waiver's. Keys are the model's own field names.
export type ReportLanguage = 'ar' | 'en';
export const reportLanguages: readonly ReportLanguage[] = ['ar', 'en'];

const en = {
  title: 'Overseer report', period: 'Period', generated: 'Generated', reportHash: 'Report SHA-256', checkpoint: 'Audit checkpoint', noCheckpoint: 'none signed yet',
  disbursements: 'Disbursements', channel: 'Channel', status: 'Status', payee: 'Payee', owners: 'Beneficial owners', amount: 'Amount', ledgerAmount: 'Ledger amount', rate: 'Reference rate',
  waiver: 'Covering waiver', requestedBy: 'Requested by', screening: 'Screening', hits: 'Screening hits and who decided them', clearance: 'Compliance clearance', approvals: 'Approvals',
  overrides: 'Overrides', nonObjection: 'Non-objection', documents: 'Documents (SHA-256)', bank: 'Bank', statement: 'Statement (closing)', creditors: 'Arrears by creditor',
  invoiced: 'Invoiced', credited: 'Credited', owed: 'Owed', totalArrears: 'Arrears after settlements (all creditors)', waivers: 'Waiver timeline', gaps: 'Gaps in waiver cover',
  validFrom: 'Valid from', validUntil: 'Valid until', revoked: 'Revoked from', renews: 'Renews', none: 'none', page: 'Page', days: 'days', figure: 'Figure',
} as const;

export type LabelKey = keyof typeof en;

const ar: Record<LabelKey, string> = {
  title: 'تقرير الجهة الرقابية', period: 'الفترة', generated: 'تاريخ الإعداد', reportHash: 'بصمة التقرير SHA-256', checkpoint: 'نقطة التدقيق', noCheckpoint: 'لم تُوقَّع بعد',
  disbursements: 'المدفوعات', channel: 'القناة', status: 'الحالة', payee: 'المستفيد', owners: 'المالكون المستفيدون', amount: 'المبلغ', ledgerAmount: 'المبلغ في السجل', rate: 'السعر المرجعي',
  waiver: 'الإعفاء الساري', requestedBy: 'مقدّم الطلب', screening: 'التدقيق', hits: 'نتائج التدقيق ومن قرّر فيها', clearance: 'موافقة الامتثال', approvals: 'الموافقات',
  overrides: 'التجاوزات', nonObjection: 'عدم الممانعة', documents: 'المستندات (SHA-256)', bank: 'المصرف', statement: 'الكشف (الختامي)', creditors: 'المتأخرات حسب الدائن',
  invoiced: 'المفوتر', credited: 'الدائن', owed: 'المستحق', totalArrears: 'المتأخرات بعد التسويات (جميع الدائنين)', waivers: 'الجدول الزمني للإعفاءات', gaps: 'فجوات في تغطية الإعفاء',
  validFrom: 'ساري من', validUntil: 'ساري حتى', revoked: 'أُلغي من', renews: 'يجدّد', none: 'لا يوجد', page: 'صفحة', days: 'يوم', figure: 'البند',
};

export function labelsFor(language: ReportLanguage): Record<LabelKey, string> {
  return language === 'ar' ? ar : en;
}

// Which roles may perform each state change outside the disbursement workflow (the workflow's
// own steps are decided by the state machine and the duty-conflict policy). Pure data: a change
// here is a reviewed code change, like the state machine itself.
import type { AssignableRole } from './roles.js';

export const actionRoles = {
  'programme.load': ['administrator'],
  'waiver.record': ['administrator', 'overseer'],
  'waiver.sweep': ['administrator', 'treasury'],
  'money_in.deliveries': ['operator', 'creditor_representative'],
  'money_in.invoices': ['operator', 'creditor_representative'],
  'money_in.credit_note': ['operator', 'creditor_representative'],
  'money_in.deposits': ['operator', 'treasury'],
  // a deposit held for its rate is decided by a second person (never its importer)
  'money_in.deposit_hold': ['treasury', 'approver'],
  'lists.import': ['compliance_officer', 'administrator'],
  'screening.decide': ['compliance_officer'],
  'disbursement.reserve': ['treasury'],
  'ledger.accounts': ['administrator'],
  'ledger.transfer': ['administrator'],
  'user.change': ['administrator'],
  // hands the e-mail outbox to the mail relay (the scheduler's user holds one of these)
  'notifications.deliver': ['administrator', 'treasury'],
} as const satisfies Record<string, readonly AssignableRole[]>;

export type GuardedAction = keyof typeof actionRoles;

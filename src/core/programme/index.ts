// The programme core's public surface: pure functions and types over plain data. The use-case
// layer (src/app/disbursement/) imports from here and persists the results through the store.
export * from './approval-policy.js';
export * from './calendar-date.js';
export * from './channel-rules.js';
export * from './creditor-exposure.js';
export * from './csv-import.js';
export * from './deliveries-csv.js';
export * from './delivery.js';
export * from './deposit.js';
export * from './deposits-csv.js';
export * from './disbursement-request.js';
export * from './disbursement-state-machine.js';
export * from './exchange-rate.js';
export * from './finding.js';
export * from './hs-code.js';
export * from './invoice.js';
export * from './invoices-csv.js';
export * from './load-programme.js';
export * from './party-identifiers.js';
export * from './programme.js';
export * from './statement.js';
export * from './tariff.js';
export * from './waiver.js';
export * from './waiver-expiry.js';
export * from './waiver-window.js';
export * from './party-registration.js';

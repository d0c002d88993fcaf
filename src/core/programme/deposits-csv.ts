// deposits.csv: the debtor's payments into the restricted account.
//   deposit_id,depositor_id,received_on,amount,currency[,rate_base,rate_quote,rate,rate_source]
// The rate columns are required exactly when the currency is not the settlement currency.
import { DomainError } from '../domain-error.js';
import { importCsv, type CsvImportOptions, type ImportResult } from './csv-import.js';
import { recordDeposit, type Deposit } from './deposit.js';
import type { Programme } from './programme.js';

export const depositRateScaleMax = 10;

export function importDepositsCsv(
  programme: Programme,
  text: string,
  options: CsvImportOptions = {},
): ImportResult<Deposit> {
  return importCsv<Deposit>(
    text,
    {
      requiredColumns: ['deposit_id', 'depositor_id', 'received_on', 'amount', 'currency'],
      optionalColumns: ['rate_base', 'rate_quote', 'rate', 'rate_source'],
      readRow: (reader) => {
        const depositId = reader.text('deposit_id');
        const depositorPartyId = reader.text('depositor_id');
        const receivedOn = reader.date('received_on');
        const currency = reader.currency('currency');
        const amountMinor = reader.amountMinor('amount', currency);
        const converted = currency !== undefined && currency !== programme.settlementCurrency;
        const hasRate = ['rate_base', 'rate_quote', 'rate', 'rate_source'].some(
          (column) => reader.raw(column).trim() !== '',
        );
        if (!converted && hasRate)
          return reader.fail(
            'rate',
            `a deposit in ${programme.settlementCurrency} is not converted; leave the rate columns empty`,
          );
        let conversion: Deposit['conversion'];
        if (converted) {
          const base = reader.currency('rate_base');
          const quote = reader.currency('rate_quote');
          const rate = reader.decimal('rate', { scaleMax: depositRateScaleMax, positive: true });
          const source = reader.text('rate_source');
          if (
            base !== undefined &&
            quote !== undefined &&
            rate !== undefined &&
            source !== undefined
          )
            conversion = { base, quote, rate, source };
        }
        if (
          depositId === undefined ||
          depositorPartyId === undefined ||
          receivedOn === undefined ||
          currency === undefined ||
          amountMinor === undefined ||
          (converted && !conversion)
        )
          return undefined;
        try {
          return recordDeposit(programme, {
            depositId,
            depositorPartyId,
            receivedOn,
            amountMinor,
            currency,
            ...(conversion ? { conversion } : {}),
          });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const column =
            ({ depositorPartyId: 'depositor_id' } as Record<string, string>)[error.field ?? ''] ??
            error.field;
          return reader.fail(column, error.message.replace(/^[^:]*: /, ''));
        }
      },
      duplicateKey: (deposit) => deposit.depositId,
    },
    options,
  );
}

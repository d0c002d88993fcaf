// The operator's request: channel, payee (with its registered account filled in), amount in the
// currency's own decimals, value date and purpose. The API validates; its problem comes back at
// the field it names. The draft survives a reload or an expired session (sessionStorage).
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { api, newIdempotencyKey, unwrap } from '../api/client';
import { FieldError, fieldProblem, ProblemAlert } from '../components/problem';
import { pickName, type PartyName } from '../components/text';
import { decimalToMinor, minorToDecimal, minorUnitDigits } from '../money';
import { useSession } from '../session';
import { channelLabel } from '../i18n/labels';

interface Channel {
  channelId: string;
  name: string;
  allowedCurrencies: string[];
  requiredDocuments: string[];
}
interface Party {
  partyId: string;
  roles?: string[];
  names: PartyName[];
  bankAccounts?: { iban: string; bic: string; currency?: string }[];
}
const draftKey = 'qanat.create-request';
const empty = {
  disbursementId: '',
  channelId: '',
  payeePartyId: '',
  amount: '',
  currency: '',
  valueDate: '',
  purpose: '',
  iban: '',
  bic: '',
  bankName: '',
  bankCountry: '',
};
type Draft = typeof empty;

export function CreateRequest() {
  const intl = useIntl();
  const navigate = useNavigate();
  const { programmeId } = useSession();
  const [draft, setDraft] = useState<Draft>(() => ({
    ...empty,
    ...(JSON.parse(sessionStorage.getItem(draftKey) ?? '{}') as Partial<Draft>),
  }));
  const [localError, setLocalError] = useState<string>();
  const key = useRef(newIdempotencyKey());
  useEffect(() => sessionStorage.setItem(draftKey, JSON.stringify(draft)), [draft]);
  const programme = useQuery({
    queryKey: ['programme', programmeId],
    queryFn: () =>
      unwrap(api.GET('/programmes/{programmeId}', { params: { path: { programmeId } } })),
  });
  const parties = useQuery({
    queryKey: ['parties', programmeId],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/parties', {
          params: { path: { programmeId }, query: { limit: 200 } },
        }),
      ),
  });
  const channels =
    (programme.data?.programme as { channels?: Channel[] } | undefined)?.channels ?? [];
  const payees = ((parties.data?.items ?? []) as unknown as Party[]).filter((party) =>
    party.roles?.includes('payee'),
  );
  const channel = channels.find((candidate) => candidate.channelId === draft.channelId);
  const digits = draft.currency ? minorUnitDigits(draft.currency) : 2;
  const set = (name: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [name]: event.target.value }));
  const choosePayee = (partyId: string) => {
    const account = payees.find((party) => party.partyId === partyId)?.bankAccounts?.[0];
    setDraft((current) => ({
      ...current,
      payeePartyId: partyId,
      ...(account
        ? { iban: account.iban, bic: account.bic, bankCountry: account.bic.slice(4, 6) }
        : {}),
    }));
  };
  const create = useMutation({
    mutationFn: async () => {
      const amountMinor = decimalToMinor(draft.amount, digits);
      if (amountMinor === undefined)
        throw new Error(intl.formatMessage({ id: 'create.amountInvalid' }, { digits }));
      const request = {
        disbursementId: draft.disbursementId.trim(),
        channelId: draft.channelId,
        payeePartyId: draft.payeePartyId,
        // the API takes the decimal amount; it is rebuilt from minor units so no float ever touches it
        amount: minorToDecimal(amountMinor, digits),
        currency: draft.currency,
        valueDate: draft.valueDate,
        purpose: draft.purpose.trim(),
        beneficiaryAccount: {
          iban: draft.iban.trim(),
          bic: draft.bic.trim(),
          bankName: draft.bankName.trim(),
          bankCountry: draft.bankCountry.trim().toUpperCase(),
        },
      };
      return unwrap(
        api.POST('/programmes/{programmeId}/disbursements', {
          params: { path: { programmeId }, header: { 'idempotency-key': key.current } },
          body: { request, reason: 'request prepared in the web app' },
        }),
      );
    },
    onSuccess: (answer) => {
      sessionStorage.removeItem(draftKey);
      key.current = newIdempotencyKey();
      navigate(`/disbursements/${encodeURIComponent(answer.disbursement.disbursementId)}`);
    },
    onError: (error) =>
      setLocalError(error instanceof Error && !('problem' in error) ? error.message : undefined),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    setLocalError(undefined);
    create.mutate();
  };
  const error = create.error;
  const field = (
    name: keyof Draft,
    label: string,
    input: React.ReactNode,
    apiFields: string[] = [name],
    help?: React.ReactNode,
  ) => {
    const message =
      fieldProblem(error, ...apiFields) ?? (name === 'amount' ? localError : undefined);
    return (
      <div className="field">
        <label htmlFor={`create-${name}`}>
          <FormattedMessage id={label} />
        </label>
        {input}
        {help && (
          <p className="help" id={`create-${name}-help`}>
            {help}
          </p>
        )}
        <FieldError id={`create-${name}-error`} message={message} />
      </div>
    );
  };
  const described = (name: string) => ({
    id: `create-${name}`,
    'aria-describedby': `create-${name}-help create-${name}-error`,
    'aria-invalid': fieldProblem(error, name) ? true : undefined,
  });
  return (
    <section aria-labelledby="create-title">
      <h1 id="create-title">
        <FormattedMessage id="create.title" />
      </h1>
      <form className="create" onSubmit={submit} noValidate={false}>
        {field(
          'disbursementId',
          'create.id',
          <input
            {...described('disbursementId')}
            dir="ltr"
            required
            pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
            maxLength={48}
            value={draft.disbursementId}
            onChange={set('disbursementId')}
          />,
          ['disbursementId'],
          <FormattedMessage id="create.idHelp" />,
        )}
        {field(
          'channelId',
          'create.channel',
          <select
            {...described('channelId')}
            required
            value={draft.channelId}
            onChange={(event) =>
              setDraft((current) => ({ ...current, channelId: event.target.value, currency: '' }))
            }
          >
            <option value="">{intl.formatMessage({ id: 'create.choose' })}</option>
            {channels.map((candidate) => (
              <option key={candidate.channelId} value={candidate.channelId}>
                {channelLabel(intl, candidate.channelId, candidate.name)}
              </option>
            ))}
          </select>,
          ['channelId'],
        )}
        {field(
          'payeePartyId',
          'create.payee',
          <select
            {...described('payeePartyId')}
            required
            value={draft.payeePartyId}
            onChange={(event) => choosePayee(event.target.value)}
          >
            <option value="">{intl.formatMessage({ id: 'create.choose' })}</option>
            {payees.map((party) => (
              <option key={party.partyId} value={party.partyId}>
                {pickName(party.names, intl.locale)?.text ?? party.partyId}
              </option>
            ))}
          </select>,
          ['payeePartyId'],
        )}
        <div className="row">
          {field(
            'amount',
            'create.amount',
            <input
              {...described('amount')}
              dir="ltr"
              inputMode="decimal"
              required
              value={draft.amount}
              onChange={set('amount')}
            />,
            ['amount', 'amountMinor'],
            <FormattedMessage id="create.amountHelp" values={{ digits }} />,
          )}
          {field(
            'currency',
            'create.currency',
            <select
              {...described('currency')}
              required
              value={draft.currency}
              onChange={set('currency')}
            >
              <option value="">{intl.formatMessage({ id: 'create.choose' })}</option>
              {(channel?.allowedCurrencies ?? []).map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>,
            ['currency'],
          )}
          {field(
            'valueDate',
            'create.valueDate',
            <input
              {...described('valueDate')}
              type="date"
              required
              value={draft.valueDate}
              onChange={set('valueDate')}
            />,
            ['valueDate'],
          )}
        </div>
        {field(
          'purpose',
          'create.purpose',
          <textarea
            {...described('purpose')}
            dir="auto"
            required
            rows={2}
            maxLength={500}
            value={draft.purpose}
            onChange={set('purpose')}
          />,
          ['purpose'],
        )}
        <div className="row">
          {field(
            'iban',
            'create.iban',
            <input {...described('iban')} dir="ltr" value={draft.iban} onChange={set('iban')} />,
            ['beneficiaryAccount.iban', 'beneficiaryAccount'],
          )}
          {field(
            'bic',
            'create.bic',
            <input
              {...described('bic')}
              dir="ltr"
              required
              value={draft.bic}
              onChange={set('bic')}
            />,
            ['beneficiaryAccount.bic'],
          )}
        </div>
        <div className="row">
          {field(
            'bankName',
            'create.bankName',
            <input
              {...described('bankName')}
              dir="auto"
              required
              value={draft.bankName}
              onChange={set('bankName')}
            />,
            ['beneficiaryAccount.bankName'],
          )}
          {field(
            'bankCountry',
            'create.bankCountry',
            <input
              {...described('bankCountry')}
              dir="ltr"
              required
              maxLength={2}
              value={draft.bankCountry}
              onChange={set('bankCountry')}
            />,
            ['beneficiaryAccount.bankCountry'],
          )}
        </div>
        <ProblemAlert
          error={error && 'problem' in (error as object) ? error : undefined}
          shownAtFields={[
            'disbursementId',
            'channelId',
            'payeePartyId',
            'amount',
            'amountMinor',
            'currency',
            'valueDate',
            'purpose',
            'beneficiaryAccount',
          ]}
        />
        <button type="submit" disabled={create.isPending}>
          {intl.formatMessage({ id: 'create.submit' })}
        </button>
      </form>
    </section>
  );
}

// Money in: deliveries, invoices and deposits as the API's cursor pages, a CSV upload per kind
// (operators), and the deposits held for their rate with a second person's accept or reject.
// Every control is offered only to the roles policy/access.json allows for its operation.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { mayCall } from '../access';
import { api, newIdempotencyKey, unwrap } from '../api/client';
import { CsvUpload, type ImportKind } from '../components/CsvUpload';
import { FieldError, fieldProblem, ProblemAlert } from '../components/problem';
import { Amount, Code, Name, PartyLabel, type PartyName } from '../components/text';
import { useSession } from '../session';
import { problemText } from '../i18n/problem-text';

const kinds: readonly ImportKind[] = ['deliveries', 'invoices', 'deposits'];
const pageSize = 50;
type Row = Record<string, unknown>;
type Party = (id: string) => React.ReactNode;
const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

function Day({ value }: { value: unknown }) {
  const intl = useIntl();
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? (
    <>{intl.formatDate(`${value}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })}</>
  ) : null;
}

const columns: Readonly<
  Record<
    ImportKind,
    readonly { id: string; cell: (row: Row, party: Party) => React.ReactNode; number?: boolean }[]
  >
> = {
  deliveries: [
    { id: 'deliveryKey', cell: (row) => <Code>{text(row.deliveryKey)}</Code> },
    { id: 'supplier', cell: (row, party) => party(text(row.supplierPartyId)) },
    {
      id: 'period',
      cell: (row) => (
        <>
          <Day value={row.periodStart} /> – <Day value={row.periodEnd} />
        </>
      ),
    },
    {
      id: 'quantity',
      number: true,
      cell: (row) => <bdi dir="ltr">{`${text(row.quantity)} ${text(row.quantityUnit)}`}</bdi>,
    },
  ],
  invoices: [
    { id: 'invoiceId', cell: (row) => <Code>{text(row.invoiceId)}</Code> },
    { id: 'supplier', cell: (row, party) => party(text(row.supplierPartyId)) },
    {
      id: 'period',
      cell: (row) => (
        <>
          <Day value={row.periodStart} /> – <Day value={row.periodEnd} />
        </>
      ),
    },
    {
      id: 'total',
      number: true,
      cell: (row) => <Amount minor={text(row.totalMinor)} currency={text(row.currency)} />,
    },
  ],
  deposits: [
    { id: 'depositId', cell: (row) => <Code>{text(row.depositId)}</Code> },
    { id: 'depositor', cell: (row, party) => party(text(row.depositorPartyId)) },
    { id: 'receivedOn', cell: (row) => <Day value={row.receivedOn} /> },
    {
      id: 'amount',
      number: true,
      cell: (row) => <Amount minor={text(row.amountMinor)} currency={text(row.currency)} />,
    },
    {
      id: 'escrow',
      number: true,
      cell: (row) => (
        <Amount minor={text(row.escrowAmountMinor)} currency={text(row.escrowCurrency)} />
      ),
    },
  ],
};

function fetchPage(programmeId: string, kind: ImportKind, cursor: string | undefined) {
  const params = {
    params: { path: { programmeId }, query: { limit: pageSize, ...(cursor ? { cursor } : {}) } },
  };
  if (kind === 'deliveries') return unwrap(api.GET('/programmes/{programmeId}/deliveries', params));
  if (kind === 'invoices') return unwrap(api.GET('/programmes/{programmeId}/invoices', params));
  return unwrap(api.GET('/programmes/{programmeId}/deposits', params));
}

function RecordList({ programmeId, kind }: { programmeId: string; kind: ImportKind }) {
  // the cursors of the pages before this one, so "previous" goes back without the API's help
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useQuery({
    queryKey: ['money-in', programmeId, kind, cursor],
    queryFn: () => fetchPage(programmeId, kind, cursor),
  });
  // names, not ids: the programme's parties (the same cache as the disbursement pages)
  const parties = useQuery({
    queryKey: ['parties', programmeId],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/parties', {
          params: { path: { programmeId }, query: { limit: 200 } },
        }),
      ),
  });
  const party: Party = (id) => (
    <PartyLabel
      names={
        ((parties.data?.items ?? []) as unknown as { partyId: string; names: PartyName[] }[]).find(
          (entry) => entry.partyId === id,
        )?.names
      }
      fallback={id}
    />
  );
  const items = (page.data?.items ?? []) as Row[];
  const next = page.data?.nextCursor;
  return (
    <section aria-labelledby={`list-${kind}`}>
      <h2 id={`list-${kind}`}>
        <FormattedMessage id={`moneyIn.list.${kind}`} />
      </h2>
      <ProblemAlert error={page.error} />
      {page.isPending && (
        <p>
          <FormattedMessage id="common.loading" />
        </p>
      )}
      {page.data && items.length === 0 && (
        <p>
          <FormattedMessage id="moneyIn.empty" />
        </p>
      )}
      {items.length > 0 && (
        <table data-testid={`list-${kind}`}>
          <thead>
            <tr>
              {columns[kind].map((column) => (
                <th key={column.id} scope="col" className={column.number ? 'number' : undefined}>
                  <FormattedMessage id={`moneyIn.col.${column.id}`} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((row, index) => (
              <tr key={index}>
                {columns[kind].map((column) => (
                  <td key={column.id} className={column.number ? 'number' : undefined}>
                    {column.cell(row, party)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(cursors.length > 1 || next) && (
        <nav className="pager" aria-label={`${kind}`}>
          <button
            type="button"
            className="secondary"
            disabled={cursors.length <= 1}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            <FormattedMessage id="moneyIn.previous" />
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!next}
            onClick={() => next && setCursors([...cursors, next])}
          >
            <FormattedMessage id="moneyIn.next" />
          </button>
        </nav>
      )}
    </section>
  );
}

type HeldDeposit = {
  deposit: Row & { depositId: string };
  findings: { code: string; reason: string }[];
  heldBy: string;
  status: string;
};

function HeldDecision({ programmeId, hold }: { programmeId: string; hold: HeldDeposit }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<'accept' | 'reject' | ''>('');
  const [reason, setReason] = useState('');
  const key = useRef(newIdempotencyKey());
  const depositId = hold.deposit.depositId;
  const decide = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/programmes/{programmeId}/held-deposits/{depositId}/decision', {
          params: { path: { programmeId, depositId }, header: { 'idempotency-key': key.current } },
          body: { decision: decision as 'accept', reason },
        }),
      ),
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      await queryClient.invalidateQueries({ queryKey: ['money-in', programmeId] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (decide.isPending || decision === '') return;
    decide.mutate();
  };
  const id = `held-${depositId}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const reasonError = fieldProblem(decide.error, 'reason');
  return (
    <form
      className="action-form"
      onSubmit={submit}
      aria-label={intl.formatMessage({ id: 'moneyIn.held.decide' }, { deposit: depositId })}
    >
      <fieldset>
        <legend>
          <FormattedMessage id="moneyIn.held.decision" />
        </legend>
        {(['accept', 'reject'] as const).map((value) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name={`${id}-decision`}
              value={value}
              required
              checked={decision === value}
              onChange={() => setDecision(value)}
            />{' '}
            <FormattedMessage id={`moneyIn.held.${value}`} />
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-reason`}>
          <FormattedMessage id="common.reason" />
        </label>
        <textarea
          id={`${id}-reason`}
          dir="auto"
          required
          minLength={20}
          maxLength={2000}
          rows={2}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={`${id}-reason-help ${id}-reason-error`}
        />
        <p id={`${id}-reason-help`} className="help">
          <FormattedMessage id="common.reasonHelp" />
        </p>
        <FieldError id={`${id}-reason-error`} message={reasonError} />
      </div>
      <ProblemAlert error={decide.error} shownAtFields={['reason']} />
      <button
        type="submit"
        disabled={decide.isPending || decision === ''}
        aria-busy={decide.isPending}
      >
        <FormattedMessage id="moneyIn.held.submit" />
      </button>
    </form>
  );
}

function HeldDeposits({ programmeId, mayDecide }: { programmeId: string; mayDecide: boolean }) {
  const intl = useIntl();
  const held = useQuery({
    queryKey: ['money-in', programmeId, 'held'],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/held-deposits', {
          params: { path: { programmeId }, query: { status: 'held', limit: 200 } },
        }),
      ),
  });
  const items = (held.data?.items ?? []) as unknown as HeldDeposit[];
  return (
    <section aria-labelledby="held-title" className="held">
      <h2 id="held-title">
        <FormattedMessage id="moneyIn.held.title" />
      </h2>
      <p className="help">
        <FormattedMessage id="moneyIn.held.intro" />
      </p>
      <ProblemAlert error={held.error} />
      {held.data && items.length === 0 && (
        <p>
          <FormattedMessage id="moneyIn.held.none" />
        </p>
      )}
      <ul className="held-list">
        {items.map((hold) => (
          <li key={hold.deposit.depositId} data-testid="held-deposit">
            <p>
              <strong>
                <Code>{hold.deposit.depositId}</Code>
              </strong>
              {' · '}
              <Amount
                minor={text(hold.deposit.amountMinor)}
                currency={text(hold.deposit.currency)}
              />
              {' → '}
              <Amount
                minor={text(hold.deposit.escrowAmountMinor)}
                currency={text(hold.deposit.escrowCurrency)}
              />
              {' · '}
              <FormattedMessage
                id="moneyIn.held.by"
                values={{ user: <Name text={hold.heldBy} /> }}
              />
            </p>
            <ul className="findings">
              {hold.findings.map((finding) => (
                <li key={finding.code} className="finding-warning">
                  <strong>
                    <Code>{finding.code}</Code>
                  </strong>{' '}
                  {problemText({ code: finding.code, detail: finding.reason }, intl)}{' '}
                  <bdi dir="ltr" lang="en" className="muted">
                    {finding.reason}
                  </bdi>
                </li>
              ))}
            </ul>
            {mayDecide && <HeldDecision programmeId={programmeId} hold={hold} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MoneyIn() {
  const intl = useIntl();
  const { programmeId, roles } = useSession();
  const [params, setParams] = useSearchParams();
  const kind = (kinds as readonly string[]).includes(params.get('kind') ?? '')
    ? (params.get('kind') as ImportKind)
    : 'deposits';
  return (
    <section aria-labelledby="money-in-title" className="money-in">
      <h1 id="money-in-title">
        <FormattedMessage id="moneyIn.title" />
      </h1>
      <div className="tabs" role="group" aria-label={intl.formatMessage({ id: 'moneyIn.kinds' })}>
        {kinds.map((value) => (
          <button
            key={value}
            type="button"
            className={value === kind ? '' : 'secondary'}
            aria-pressed={value === kind}
            onClick={() => setParams({ kind: value }, { replace: true })}
          >
            <FormattedMessage id={`moneyIn.tab.${value}`} />
          </button>
        ))}
      </div>
      {mayCall(roles, 'importCsv') && (
        <CsvUpload key={kind} programmeId={programmeId} kind={kind} />
      )}
      {kind === 'deposits' && mayCall(roles, 'listHeldDeposits') && (
        <HeldDeposits programmeId={programmeId} mayDecide={mayCall(roles, 'decideHeldDeposit')} />
      )}
      <RecordList key={`${programmeId}-${kind}`} programmeId={programmeId} kind={kind} />
    </section>
  );
}

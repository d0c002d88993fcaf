// One CSV upload (multipart to POST /programmes/:id/imports/:kind). A refused file comes back as
// problem+json with rowErrors; a partial upload as 201 with `rejected`: either way the rows are
// shown in place, line, column and reason. One Idempotency-Key per chosen file and options, so a
// double click uploads once; a busy flag guards the button as well.
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiProblem, newIdempotencyKey, type Problem } from '../api/client';
import { ProblemAlert } from './problem';

export type ImportKind = 'deliveries' | 'invoices' | 'deposits';
type RowError = NonNullable<Problem['rowErrors']>[number];
interface ImportReport {
  imported: number;
  duplicates: number;
  rejected: RowError[];
}

function csrf(): string {
  return decodeURIComponent(
    document.cookie
      .split('; ')
      .find((pair) => pair.startsWith('qanat_csrf='))
      ?.slice('qanat_csrf='.length) ?? '',
  );
}

export function RowErrors({ rows, id }: { rows: readonly RowError[]; id: string }) {
  const intl = useIntl();
  return (
    <table className="row-errors" aria-labelledby={id}>
      <caption id={id}>
        <FormattedMessage id="moneyIn.rejectedRows" values={{ count: rows.length }} />
      </caption>
      <thead>
        <tr>
          <th scope="col" className="number">
            <FormattedMessage id="moneyIn.line" />
          </th>
          <th scope="col">
            <FormattedMessage id="moneyIn.column" />
          </th>
          <th scope="col">
            <FormattedMessage id="moneyIn.reason" />
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            <td className="number">{intl.formatNumber(row.line)}</td>
            <td>
              {row.column ? (
                <bdi dir="ltr">
                  <code>{row.column}</code>
                </bdi>
              ) : (
                '—'
              )}
            </td>
            <td>
              <bdi dir="ltr">{row.reason}</bdi>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CsvUpload({ programmeId, kind }: { programmeId: string; kind: ImportKind }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const file = useRef<HTMLInputElement>(null);
  const key = useRef(newIdempotencyKey());
  const [partial, setPartial] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [report, setReport] = useState<ImportReport>();
  const fresh = () => {
    key.current = newIdempotencyKey();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    if (busy || !chosen) return;
    setBusy(true);
    setError(undefined);
    setReport(undefined);
    try {
      const form = new FormData();
      form.append('partial', String(partial));
      form.append('reason', reason.trim() || `CSV upload of ${kind}`);
      form.append('file', chosen);
      const response = await fetch(
        `/programmes/${encodeURIComponent(programmeId)}/imports/${kind}`,
        {
          method: 'POST',
          body: form,
          credentials: 'same-origin',
          headers: { 'x-csrf-token': csrf(), 'idempotency-key': key.current },
        },
      );
      if (!response.ok) throw new ApiProblem(await response.json());
      setReport((await response.json()) as ImportReport);
      fresh();
      await queryClient.invalidateQueries({ queryKey: ['money-in', programmeId] });
    } catch (caught) {
      setError(caught);
      // a refused file writes nothing: the corrected file is a new intent
      fresh();
    } finally {
      setBusy(false);
    }
  };
  const id = `upload-${kind}`;
  const rowErrors = error instanceof ApiProblem ? error.problem.rowErrors : undefined;
  return (
    <form className="upload" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <FormattedMessage id={`moneyIn.upload.${kind}`} />
      </h2>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-file`}>
            <FormattedMessage id="moneyIn.file" />
          </label>
          <input
            id={`${id}-file`}
            ref={file}
            type="file"
            accept=".csv,text/csv"
            required
            onChange={fresh}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>
            <FormattedMessage id="moneyIn.uploadReason" />
          </label>
          <input
            id={`${id}-reason`}
            dir="auto"
            maxLength={500}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              fresh();
            }}
          />
        </div>
      </div>
      <label className="radio">
        <input
          id={`${id}-partial`}
          type="checkbox"
          checked={partial}
          onChange={(event) => {
            setPartial(event.target.checked);
            fresh();
          }}
        />{' '}
        <FormattedMessage id="moneyIn.partial" />
      </label>
      <button type="submit" disabled={busy} aria-busy={busy}>
        {intl.formatMessage({ id: busy ? 'moneyIn.uploading' : 'moneyIn.uploadSubmit' })}
      </button>
      <div role="status">
        {report && (
          <p className="notice">
            <FormattedMessage
              id="moneyIn.uploaded"
              values={{
                imported: report.imported,
                duplicates: report.duplicates,
                rejected: report.rejected.length,
              }}
            />
          </p>
        )}
      </div>
      {rowErrors && rowErrors.length > 0 ? (
        <div role="alert">
          <p className="alert">
            <FormattedMessage id="moneyIn.refused" />
          </p>
          <RowErrors rows={rowErrors} id={`${id}-errors`} />
        </div>
      ) : (
        <ProblemAlert error={error} />
      )}
      {report && report.rejected.length > 0 && (
        <RowErrors rows={report.rejected} id={`${id}-skipped`} />
      )}
    </form>
  );
}

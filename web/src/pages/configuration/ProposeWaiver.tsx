// Propose a waiver or a renewal: prefilled from the latest waiver (same channels, conditions and
// caps; the day after it ends; 120 days), validated by the server, each error shown at its field.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, newIdempotencyKey, unwrap } from '../../api/client';
import { FieldError, problemOf, ProblemAlert } from '../../components/problem';
import { Code } from '../../components/text';
import { minorToDecimal, minorUnitDigits } from '../../money';
import { dateOfDay, dayNumber } from './waiver-calendar';

/** a recorded waiver as GET /programmes/{id}/waivers gives it */
export interface WaiverFile {
  readonly waiverId: string;
  readonly reference: string;
  readonly overseerPartyId: string;
  readonly issuedOn: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly channelIds: readonly string[];
  readonly caps?: readonly { channelId?: string; currency: string; totalCapMinor: string }[];
  readonly conditions?: readonly string[];
  readonly renewsWaiverId?: string;
  readonly revokedFrom?: string;
}

const renewalDays = 120;
const fieldNames = [
  'waiverId',
  'reference',
  'overseerPartyId',
  'issuedOn',
  'validFrom',
  'validUntil',
  'channelIds',
  'conditions',
  'renewsWaiverId',
] as const;
type FieldName = (typeof fieldNames)[number];

/** the form field a server error names: `waiver.validFrom`, `waivers[3].validFrom`, `channelIds[1]` */
export function waiverFieldOf(path: string | undefined): FieldName | 'caps' | undefined {
  if (!path) return undefined;
  const bare = path.replace(/^waivers?(\[\d+\])?\./, '');
  const name = bare.split(/[.[]/)[0];
  return name === 'caps'
    ? 'caps'
    : (fieldNames as readonly string[]).includes(name ?? '')
      ? (name as FieldName)
      : undefined;
}

export function ProposeWaiver({
  programmeId,
  channels,
  latest,
}: {
  programmeId: string;
  channels: readonly { channelId: string; name: string }[];
  latest: WaiverFile | undefined;
}) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const nextFrom = latest
    ? dateOfDay(dayNumber(latest.validUntil) + 1)
    : new Date().toISOString().slice(0, 10);
  const [values, setValues] = useState<Record<FieldName, string>>({
    waiverId: '',
    reference: '',
    overseerPartyId: latest?.overseerPartyId ?? '',
    issuedOn: latest ? latest.validUntil : nextFrom,
    validFrom: nextFrom,
    validUntil: dateOfDay(dayNumber(nextFrom) + renewalDays - 1),
    channelIds: (latest?.channelIds ?? []).join(','),
    conditions: (latest?.conditions ?? []).join('\n'),
    renewsWaiverId: latest?.waiverId ?? '',
  });
  const [reason, setReason] = useState('');
  const set = (name: FieldName) => (value: string) =>
    setValues((old) => ({ ...old, [name]: value }));
  const chosen = new Set(values.channelIds.split(',').filter(Boolean));
  const propose = useMutation({
    mutationFn: () => {
      const caps = (latest?.caps ?? []).map((cap) => ({
        ...(cap.channelId ? { channelId: cap.channelId } : {}),
        currency: cap.currency,
        totalMax: minorToDecimal(cap.totalCapMinor, minorUnitDigits(cap.currency)),
      }));
      const waiver = {
        waiverId: values.waiverId.trim(),
        reference: values.reference.trim(),
        overseerPartyId: values.overseerPartyId.trim(),
        issuedOn: values.issuedOn,
        validFrom: values.validFrom,
        validUntil: values.validUntil,
        channelIds: [...chosen],
        caps,
        conditions: values.conditions
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        ...(values.renewsWaiverId ? { renewsWaiverId: values.renewsWaiverId } : {}),
      };
      return unwrap(
        api.POST('/programmes/{programmeId}/waivers', {
          params: { path: { programmeId }, header: { 'idempotency-key': key.current } },
          body: { waiver, reason },
        }),
      );
    },
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      await queryClient.invalidateQueries();
    },
    // a refused proposal wrote nothing: the corrected one is a new intent with its own key
    onError: () => {
      key.current = newIdempotencyKey();
    },
  });
  const problem = problemOf(propose.error);
  const at = waiverFieldOf(problem?.field);
  const errorOf = (name: FieldName) => (at === name ? problem?.detail : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!propose.isPending) propose.mutate();
  };
  const field = (name: FieldName, input: ReactNode, help?: ReactNode) => (
    <div className="field" key={name}>
      <label htmlFor={`waiver-${name}`}>
        <FormattedMessage id={`waivers.field.${name}`} />
      </label>
      {input}
      {help}
      <FieldError id={`waiver-${name}-error`} message={errorOf(name)} />
    </div>
  );
  const text = (name: FieldName, type = 'text', dir: 'ltr' | 'auto' = 'ltr') => (
    <input
      id={`waiver-${name}`}
      type={type}
      dir={dir}
      value={values[name]}
      onChange={(event) => set(name)(event.target.value)}
      aria-invalid={errorOf(name) !== undefined}
      aria-describedby={`waiver-${name}-error`}
    />
  );
  const answer = propose.data as
    { status?: string; proposal?: { proposalId?: string } } | undefined;
  return (
    <section aria-labelledby="propose-waiver-title" className="propose-waiver">
      <h2 id="propose-waiver-title">
        <FormattedMessage id="waivers.propose" />
      </h2>
      <p className="help">
        <FormattedMessage id="waivers.proposeHelp" />
      </p>
      {answer && (
        <p className="notice" role="status">
          <FormattedMessage
            id="waivers.proposed"
            values={{
              status: answer.status ?? '',
              proposal: <Code>{answer.proposal?.proposalId ?? ''}</Code>,
            }}
          />
        </p>
      )}
      <form className="action-form" onSubmit={submit} noValidate>
        <div className="form-grid">
          {field(
            'waiverId',
            text('waiverId'),
            <p className="help">
              <FormattedMessage id="waivers.idHelp" />
            </p>,
          )}
          {field('reference', text('reference', 'text', 'auto'))}
          {field('overseerPartyId', text('overseerPartyId'))}
          {field('renewsWaiverId', text('renewsWaiverId'))}
          {field('issuedOn', text('issuedOn', 'date'))}
          {field('validFrom', text('validFrom', 'date'))}
          {field('validUntil', text('validUntil', 'date'))}
        </div>
        <fieldset aria-describedby="waiver-channelIds-error">
          <legend>
            <FormattedMessage id="waivers.field.channelIds" />
          </legend>
          {channels.map((channel) => (
            <label key={channel.channelId} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.has(channel.channelId)}
                onChange={(event) => {
                  const next = new Set(chosen);
                  if (event.target.checked) next.add(channel.channelId);
                  else next.delete(channel.channelId);
                  set('channelIds')([...next].join(','));
                }}
              />{' '}
              <bdi>{channel.name}</bdi>
            </label>
          ))}
          <FieldError id="waiver-channelIds-error" message={errorOf('channelIds')} />
        </fieldset>
        {field(
          'conditions',
          <textarea
            id="waiver-conditions"
            dir="auto"
            rows={3}
            value={values.conditions}
            onChange={(event) => set('conditions')(event.target.value)}
            aria-describedby="waiver-conditions-error"
          />,
          <p className="help">
            <FormattedMessage id="waivers.conditionsHelp" />
          </p>,
        )}
        {(latest?.caps?.length ?? 0) > 0 && (
          <p className="help">
            <FormattedMessage id="waivers.capsCarried" values={{ count: latest!.caps!.length }} />
          </p>
        )}
        <div className="field">
          <label htmlFor="waiver-reason">
            <FormattedMessage id="common.reason" />
          </label>
          <textarea
            id="waiver-reason"
            dir="auto"
            required
            minLength={20}
            maxLength={2000}
            rows={2}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-describedby="waiver-reason-error"
          />
          <FieldError
            id="waiver-reason-error"
            message={problem?.field === 'reason' ? problem.detail : undefined}
          />
        </div>
        {(at === undefined || at === 'caps') && problem?.field !== 'reason' && (
          <ProblemAlert error={propose.error} />
        )}
        <div className="action-buttons">
          <button type="submit" disabled={propose.isPending}>
            {intl.formatMessage({ id: 'waivers.proposeSubmit' })}
          </button>
        </div>
      </form>
    </section>
  );
}

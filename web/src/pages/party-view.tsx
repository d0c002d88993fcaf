// What both parties pages show of a party: the programme's record as the API sends it, its names
// each in its own script and language (direction isolated), and its screening standing.
import { useIntl } from 'react-intl';
import type { components } from '../api/schema';
import type { PartyName } from '../components/text';
import './admin.css';

export type PartyScreening = components['schemas']['PartyScreening'];
export type ScreeningStanding = PartyScreening['status'];

export interface PartyRecord {
  readonly partyId: string;
  readonly roles: readonly string[];
  readonly kind: string;
  readonly jurisdiction: string;
  readonly names: readonly (PartyName & { script: string })[];
  readonly identifiers: readonly { type: string; value: string; issuer?: string }[];
  readonly bankAccounts: readonly { iban: string; bic: string; currency?: string }[];
  readonly beneficialOwners: readonly {
    names: readonly (PartyName & { script: string })[];
    nationality: string;
    sharePercent: { mantissa: string; scale: number };
  }[];
  readonly payeeKinds: readonly string[];
  readonly notes?: string;
}

export function Standing({ status }: { status: ScreeningStanding }) {
  return (
    <span className={`status standing-${status}`} data-standing={status}>
      {useIntl().formatMessage({ id: `standing.${status}` })}
    </span>
  );
}

export function Country({ code }: { code: string }) {
  const intl = useIntl();
  const name = intl.formatDisplayName(code, { type: 'region', fallback: 'code' }) ?? code;
  return <span title={code}>{name}</span>;
}

/** a share as the file writes it (a decimal), shown as a percentage in the reader's digits */
export function Share({ share }: { share: { mantissa: string; scale: number } }) {
  const intl = useIntl();
  const value = Number(share.mantissa) / 10 ** share.scale;
  return (
    <bdi dir="ltr">
      {intl.formatNumber(value / 100, {
        style: 'percent',
        maximumFractionDigits: Math.max(0, share.scale),
      })}
    </bdi>
  );
}

/** Names, primary first, each isolated in its own language: an Arabic name never scrambles a Latin row. */
export function AllNames({ names }: { names: readonly (PartyName & { script: string })[] }) {
  const intl = useIntl();
  // primary names first, the reader's language first among them
  const language = intl.locale.split('-')[0];
  const rank = (name: PartyName) =>
    (name.kind === 'primary' ? 0 : 2) + (name.language === language ? 0 : 1);
  const sorted = [...names].sort((a, b) => rank(a) - rank(b));
  return (
    <ul className="names">
      {sorted.map((name, index) => (
        <li key={`${name.text}-${index}`}>
          <bdi dir="auto" lang={name.language}>
            {name.text}
          </bdi>
          {name.kind !== 'primary' && (
            <span className="muted"> ({intl.formatMessage({ id: `nameKind.${name.kind}` })})</span>
          )}
        </li>
      ))}
    </ul>
  );
}

// Names and amounts keep their own direction inside any sentence: every name is isolated with
// <bdi dir="auto"> (an Arabic name in an English row, a Latin name in an Arabic row never
// scrambles the punctuation around it), in its own language for screen readers and fonts.
import { useIntl } from 'react-intl';
import { formatAmount } from '../money';

export interface PartyName {
  readonly text: string;
  readonly language: string;
  readonly kind: string;
  readonly script?: string;
}

export function Name({ text, lang }: { text: string; lang?: string }) {
  return (
    <bdi dir="auto" lang={lang}>
      {text}
    </bdi>
  );
}

/** The primary name in the reader's language if the party has one, else its primary name. */
export function pickName(names: readonly PartyName[], locale: string): PartyName | undefined {
  const primaries = names.filter((name) => name.kind === 'primary');
  const language = locale.split('-')[0];
  return primaries.find((name) => name.language === language) ?? primaries[0] ?? names[0];
}

export function PartyLabel({
  names,
  fallback,
}: {
  names: readonly PartyName[] | undefined;
  fallback: string;
}) {
  const { locale } = useIntl();
  const name = names ? pickName(names, locale) : undefined;
  return name ? <Name text={name.text} lang={name.language} /> : <Name text={fallback} />;
}

export function Amount({ minor, currency }: { minor: string; currency: string }) {
  const { locale } = useIntl();
  // an amount reads left to right in every language: isolate it so "USD 1,000.00" stays whole
  return (
    <bdi dir="ltr" className="amount">
      {formatAmount(minor, currency, locale)}
    </bdi>
  );
}

export function Code({ children }: { children: string }) {
  return (
    <bdi dir="ltr">
      <code>{children}</code>
    </bdi>
  );
}

// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import { Amount, Name, PartyLabel, pickName } from './text';

afterEach(cleanup);

const karbala = [
  { text: 'Karbala Pilgrim Services Co.', language: 'en', kind: 'primary', script: 'Latn' },
  { text: 'شركة كربلاء لخدمات الزائرين', language: 'ar', kind: 'primary', script: 'Arab' },
];

describe('names and amounts in right-to-left text', () => {
  it('isolates every name, in its own language, so a Latin name in an Arabic line keeps its order', () => {
    const { container } = render(
      <IntlProvider locale="ar">
        <p dir="rtl">
          المستفيد <Name text="Karbala Pilgrim Services Co." lang="en" />، الحالة: مقدَّم
        </p>
      </IntlProvider>,
    );
    const bdi = container.querySelector('bdi')!;
    expect(bdi.getAttribute('dir')).toBe('auto');
    expect(bdi.getAttribute('lang')).toBe('en');
    expect(bdi.textContent).toBe('Karbala Pilgrim Services Co.');
    // the punctuation after the name stays outside the isolate
    expect(bdi.nextSibling?.textContent?.startsWith('،')).toBe(true);
  });

  it("shows the party's name in the reader's language when it has one, else its primary name", () => {
    expect(pickName(karbala, 'ar')?.text).toBe('شركة كربلاء لخدمات الزائرين');
    expect(pickName(karbala, 'en')?.text).toBe('Karbala Pilgrim Services Co.');
    expect(pickName([{ text: 'اسماعیل قاآنی', language: 'fa', kind: 'primary' }], 'en')?.text).toBe(
      'اسماعیل قاآنی',
    );
    const { container } = render(
      <IntlProvider locale="ar">
        <PartyLabel names={karbala} fallback="karbala-pilgrim-services" />
      </IntlProvider>,
    );
    expect(container.querySelector('bdi')?.getAttribute('lang')).toBe('ar');
  });

  it('keeps an amount left to right inside Arabic text, formatted for the reader', () => {
    const { container } = render(
      <IntlProvider locale="ar">
        <p dir="rtl">
          المبلغ <Amount minor="90000000" currency="USD" />
        </p>
      </IntlProvider>,
    );
    const bdi = container.querySelector('bdi.amount')!;
    expect(bdi.getAttribute('dir')).toBe('ltr');
    expect(bdi.textContent!.replace(/[\u00a0\u202f\u200f\u061c]/g, ' ').trim()).toMatch(
      /^900,000\.00 US\$$|^US\$ 900,000\.00$/,
    );
  });
});

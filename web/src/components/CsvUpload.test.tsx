// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import en from '../i18n/messages/en.json';
import ar from '../i18n/messages/ar.json';
import { CsvUpload } from './CsvUpload';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// what the server answers for a deposits file with three decimals for USD on line 3
const refusal = {
  type: 'about:blank',
  title: 'Unprocessable',
  status: 422,
  detail: 'deposits file: 1 rejected row',
  code: 'import.rejected',
  rowErrors: [
    { line: 3, column: 'amount', reason: '"12.345" has more decimals than USD allows (2)' },
  ],
};

function renderUpload(locale: 'en' | 'ar' = 'en') {
  const calls: { url: string; key: string | null }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, key: new Headers(init.headers).get('idempotency-key') });
      await new Promise((resolve) => setTimeout(resolve, 5));
      return new Response(JSON.stringify(refusal), {
        status: 422,
        headers: { 'content-type': 'application/problem+json' },
      });
    }),
  );
  const view = render(
    <QueryClientProvider client={new QueryClient()}>
      <IntlProvider locale={locale} messages={locale === 'en' ? en : ar}>
        <CsvUpload programmeId="P-1" kind="deposits" />
      </IntlProvider>
    </QueryClientProvider>,
  );
  const input = view.container.querySelector<HTMLInputElement>('#upload-deposits-file')!;
  Object.defineProperty(input, 'files', {
    value: [new File(['deposit_id\n'], 'deposits.csv', { type: 'text/csv' })],
  });
  return { ...view, calls, form: view.container.querySelector('form')! };
}

describe('the CSV upload', () => {
  it("shows a refused file's rows in place (line, column, reason) and sends a double submit once", async () => {
    const { container, calls, form } = renderUpload();
    fireEvent.submit(form);
    fireEvent.submit(form);
    await waitFor(() => expect(container.querySelector('.row-errors tbody tr')).not.toBeNull());
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/programmes/P-1/imports/deposits');
    expect(
      [...container.querySelectorAll('.row-errors tbody td')].map((cell) => cell.textContent),
    ).toEqual(['3', 'amount', '"12.345" has more decimals than USD allows (2)']);
    expect(container.textContent).toContain('nothing was written');
    // the corrected file is a new intent: a new Idempotency-Key
    fireEvent.submit(form);
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.key).not.toBe(calls[0]!.key);
  });

  it('says it in Arabic, with Arabic plural forms', async () => {
    const { container, form } = renderUpload('ar');
    fireEvent.submit(form);
    await waitFor(() => expect(container.querySelector('.row-errors caption')).not.toBeNull());
    expect(container.querySelector('.row-errors caption')!.textContent).toBe('صف مرفوض واحد');
    expect(container.textContent).toContain('رُفض الملف ولم يُكتب شيء');
  });
});

describe('the message files', () => {
  it('translate every key in both languages', () => {
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(ar)) expect(value.trim(), key).not.toBe('');
  });
});

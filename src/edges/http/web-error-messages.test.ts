// Every domain error code the server can answer with has a refusal text in both of the web app's
// languages (web/src/i18n/messages/errors.*.json), read from the server's source so that a new
// code fails here until it is translated; each text is valid ICU, the Arabic is in Arabic script,
// and the two languages carry the same keys in the main message files too.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { serverErrorCodes } from '../../../test-support/server-error-codes.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const messages = (name: string): Record<string, string> =>
  JSON.parse(readFileSync(`${root}web/src/i18n/messages/${name}.json`, 'utf8'));
const arabicScript = /[\u0600-\u06FF]/;
/** the message's own words, its {arguments} left out */
const wordsOf = (text: string) => text.replace(/\{[^{}]*\}/g, '').replace(/[^\p{L}]/gu, '');

function icuErrors(locale: string, texts: Record<string, string>): string[] {
  const errors: string[] = [];
  const intl = createIntl({
    locale,
    messages: texts,
    onError: (error) => errors.push(String(error.message)),
  });
  for (const id of Object.keys(texts))
    intl.formatMessage({ id }, { field: 'f', detail: 'd', count: 2, user: 'u', action: 'a' });
  // a value the message wants and the probe does not give is not a syntax error
  return errors.filter((error) => !/was not provided to the string/.test(error));
}

describe('the web app’s refusal texts', () => {
  const { codes, unnamedDynamicSites } = serverErrorCodes(root);
  const errorsEn = messages('errors.en');
  const errorsAr = messages('errors.ar');

  it('finds the server’s codes, including those made through helpers and findings', () => {
    // one per way a code is written: a literal, refuse(), violation(), a finding object, a union type, super()
    for (const code of [
      'auth.locked_out',
      'auth.login_failed',
      'bank.xml_doctype',
      'channel.cap_per_payment_exceeded',
      'waiver.expired',
      'list.malformed',
      'import.rejected',
      'screening.true_match',
      'party.role_not_allowed',
      'transfer.duplicate_in_batch',
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
    expect(codes.size).toBeGreaterThan(300);
    // a DomainError made from a non-literal code somewhere new must be taught to the collector
    expect(unnamedDynamicSites).toEqual([]);
  });

  it('has an English and an Arabic text for every code', () => {
    const missingEn = [...codes].filter((code) => !Object.hasOwn(errorsEn, `error.${code}`));
    const missingAr = [...codes].filter((code) => !Object.hasOwn(errorsAr, `error.${code}`));
    expect(missingEn).toEqual([]);
    expect(missingAr).toEqual([]);
  });

  it('keeps the same keys in both languages, valid ICU, real Arabic', () => {
    const files = [
      [errorsEn, errorsAr],
      [messages('admin.en'), messages('admin.ar')],
      [messages('en'), messages('ar')],
    ] as const;
    // the files share no key: a later one would silently win over an earlier one
    const keys = files.flatMap(([en]) => Object.keys(en));
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    for (const [en, ar] of files) {
      expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
      expect(icuErrors('en', en)).toEqual([]);
      expect(icuErrors('ar', ar)).toEqual([]);
      for (const [key, text] of Object.entries(ar)) {
        // a language's own name is written in that language (the switch offers "English"), and a
        // one-word technical term (SHA-256, IBAN) reads the same; a sentence is always translated
        const sameTerm = text === en[key] && !/\s/.test(text);
        if (!key.startsWith('lang.') && !sameTerm && /\p{Script=Latin}/u.test(wordsOf(en[key]!)))
          expect(text, key).toMatch(arabicScript);
      }
    }
  });

  it('names every channel of the programme files and every hit status in both languages', () => {
    const adminEn = messages('admin.en');
    const adminAr = messages('admin.ar');
    const channelIds = readdirSync(`${root}programmes`)
      .filter((file) => file.endsWith('.json') && !file.includes('waivers'))
      .flatMap((file) =>
        (
          (
            JSON.parse(readFileSync(`${root}programmes/${file}`, 'utf8')) as {
              channels?: { channelId: string }[];
            }
          ).channels ?? []
        ).map((channel) => channel.channelId),
      );
    expect(channelIds.length).toBeGreaterThan(5);
    const statuses = ['open', 'true_match', 'false_positive', 'withdrawn', 'superseded'];
    for (const key of [
      ...channelIds.map((id) => `channel.${id}`),
      ...statuses.map((status) => `hitStatus.${status}`),
    ]) {
      expect(adminEn[key], key).toBeTruthy();
      expect(adminAr[key], key).toMatch(arabicScript);
    }
  });
});

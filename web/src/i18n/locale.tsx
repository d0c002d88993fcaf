// The language: the first visit follows the browser (navigator.languages), a choice is kept in
// localStorage, and switching re-renders everything with the new messages, sets <html lang dir>.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createIntl, IntlProvider } from 'react-intl';
import ar from './messages/ar.json';
import en from './messages/en.json';
import adminAr from './messages/admin.ar.json';
import adminEn from './messages/admin.en.json';
import errorsAr from './messages/errors.ar.json';
import errorsEn from './messages/errors.en.json';
import { setProblemIntl } from './problem-text';

export const locales = ['en', 'ar'] as const;
export type Locale = (typeof locales)[number];
// the refusal texts per domain error code (errors.*.json, a few hundred keys) and the users,
// tokens and parties pages (admin.*.json) keep their own files beside the shared ones
export const messagesOf: Readonly<Record<Locale, Record<string, string>>> = {
  en: { ...en, ...adminEn, ...errorsEn },
  ar: { ...ar, ...adminAr, ...errorsAr },
};
const storageKey = 'qanat.locale';

export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

export function preferredLocale(stored: string | null, browser: readonly string[]): Locale {
  if (stored === 'en' || stored === 'ar') return stored;
  for (const tag of browser) {
    const language = tag.toLowerCase().split('-')[0];
    if (language === 'ar') return 'ar';
    if (language === 'en') return 'en';
  }
  return 'en';
}

interface LocaleState {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  /** Arabic-Indic digits (٠١٢٣) instead of 0123 when reading Arabic */
  readonly arabicDigits: boolean;
  readonly setArabicDigits: (on: boolean) => void;
}
const LocaleContext = createContext<LocaleState>({
  locale: 'en',
  setLocale: () => undefined,
  arabicDigits: false,
  setArabicDigits: () => undefined,
});
const digitsKey = 'qanat.arabic-digits';

/** The BCP 47 tag Intl formats with: Arabic-Indic digits through the -u-nu-arab extension. */
export function formattingLocale(locale: Locale, arabicDigits: boolean): string {
  return locale === 'ar' && arabicDigits ? 'ar-u-nu-arab' : locale;
}
export const useLocale = () => useContext(LocaleContext);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() =>
    preferredLocale(localStorage.getItem(storageKey), navigator.languages ?? [navigator.language]),
  );
  const [arabicDigits, setDigitsState] = useState(() => localStorage.getItem(digitsKey) === 'true');
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = directionOf(locale);
  }, [locale]);
  const value = useMemo(
    () => ({
      locale,
      setLocale: (next: Locale) => {
        localStorage.setItem(storageKey, next);
        setLocaleState(next);
      },
      arabicDigits,
      setArabicDigits: (on: boolean) => {
        localStorage.setItem(digitsKey, String(on));
        setDigitsState(on);
      },
    }),
    [locale, arabicDigits],
  );
  // set during render, before any child renders: fieldProblem() reads it outside React
  useMemo(
    () =>
      setProblemIntl(
        createIntl({
          locale: formattingLocale(locale, arabicDigits),
          messages: messagesOf[locale],
          defaultLocale: 'en',
        }),
      ),
    [locale, arabicDigits],
  );
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider
        locale={formattingLocale(locale, arabicDigits)}
        messages={messagesOf[locale]}
        defaultLocale="en"
      >
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

// A refusal is shown in the reader's language by its code; only a code the app does not know
// falls back to the server's English text.
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { messagesOf } from './locale';
import { problemText, setProblemIntl } from './problem-text';

const locked = {
  code: 'auth.locked_out',
  detail: 'too many failed logins: the account is locked for a while',
};

describe('problemText', () => {
  it('translates a known code and falls back to the server text for an unknown one', () => {
    const ar = createIntl({ locale: 'ar', messages: messagesOf.ar });
    const en = createIntl({ locale: 'en', messages: messagesOf.en });
    expect(problemText(locked, ar)).toBe(messagesOf.ar['error.auth.locked_out']);
    expect(problemText(locked, ar)).toMatch(/[\u0600-\u06FF]/);
    expect(problemText(locked, en)).toMatch(/^Too many failed logins/);
    expect(problemText({ code: 'brand.new_code', detail: 'a server text' }, ar)).toBe(
      'a server text',
    );
  });

  it('uses the locale set by the provider when called outside a component', () => {
    setProblemIntl(createIntl({ locale: 'ar', messages: messagesOf.ar }));
    expect(problemText({ code: 'user.not_locked', detail: 'user "x" is not locked' })).toBe(
      'هذا المستخدم غير مقفل.',
    );
  });
});

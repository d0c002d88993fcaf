// Signing in, as the API requires it: password; the one-time password changed at first login;
// then, for the roles that move money or decide hits, TOTP enrolment (first time) or a code.
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, unwrap } from '../api/client';
import { FieldError, fieldProblem, ProblemAlert } from '../components/problem';
import { Code } from '../components/text';

type Step =
  | { kind: 'password' }
  | { kind: 'change'; currentPassword: string; secondFactor: string }
  | { kind: 'enrol'; secret: string; uri: string }
  | { kind: 'verify' };

export function Login({ onDone, expired }: { onDone: () => void; expired?: boolean }) {
  const intl = useIntl();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [userId, setUserId] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [code, setCode] = useState('');

  const secondFactor = async (kind: string) => {
    if (kind === 'enrolment_required') {
      const enrolment = await unwrap(api.POST('/auth/totp/enrolment'));
      setCode('');
      setStep({ kind: 'enrol', secret: enrolment.secret, uri: enrolment.otpauthUri });
    } else if (kind === 'required') {
      setCode('');
      setStep({ kind: 'verify' });
    } else onDone();
  };

  const run = (work: () => Promise<void>) => async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return; // a double click or a second Enter never sends twice
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const signIn = run(async () => {
    const answer = await unwrap(
      api.POST('/auth/login', { body: { userId: userId.trim(), password } }),
    );
    if (answer.mustChangePassword)
      setStep({ kind: 'change', currentPassword: password, secondFactor: answer.secondFactor });
    else await secondFactor(answer.secondFactor);
  });
  const change = (current: string, factor: string) =>
    run(async () => {
      await unwrap(api.POST('/auth/password', { body: { currentPassword: current, newPassword } }));
      await secondFactor(factor);
    });
  const confirm = run(async () => {
    await unwrap(api.POST('/auth/totp/enrolment/confirm', { body: { code } }));
    onDone();
  });
  const verify = run(async () => {
    await unwrap(api.POST('/auth/totp/verify', { body: { code } }));
    onDone();
  });

  const codeField = (
    <div className="field">
      <label htmlFor="totp-code">
        <FormattedMessage id="login.code" />
      </label>
      <input
        id="totp-code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="\d{6}"
        maxLength={6}
        required
        value={code}
        onChange={(event) => setCode(event.target.value)}
        aria-describedby="totp-code-error"
      />
      <FieldError id="totp-code-error" message={fieldProblem(error, 'code')} />
    </div>
  );

  return (
    <div className="login">
      <h1>
        <FormattedMessage id="app.name" />
      </h1>
      <p className="tagline">
        <FormattedMessage id="app.tagline" />
      </p>
      {expired && (
        <p className="notice" role="status">
          <FormattedMessage id="login.expired" />
        </p>
      )}
      <ProblemAlert error={error} shownAtFields={['code', 'newPassword']} />
      {step.kind === 'password' && (
        <form onSubmit={signIn} aria-labelledby="login-title">
          <h2 id="login-title">
            <FormattedMessage id="login.title" />
          </h2>
          <div className="field">
            <label htmlFor="login-user">
              <FormattedMessage id="login.userId" />
            </label>
            <input
              id="login-user"
              name="userId"
              autoComplete="username"
              dir="ltr"
              required
              value={userId}
              onChange={(event) => setUserId(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">
              <FormattedMessage id="login.password" />
            </label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              dir="ltr"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit" disabled={busy}>
            {intl.formatMessage({ id: 'login.submit' })}
          </button>
        </form>
      )}
      {step.kind === 'change' && (
        <form
          onSubmit={change(step.currentPassword, step.secondFactor)}
          aria-labelledby="change-title"
        >
          <h2 id="change-title">
            <FormattedMessage id="login.changeTitle" />
          </h2>
          <p>
            <FormattedMessage id="login.changeIntro" />
          </p>
          <div className="field">
            <label htmlFor="new-password">
              <FormattedMessage id="login.newPassword" />
            </label>
            <input
              id="new-password"
              name="newPassword"
              type="password"
              autoComplete="new-password"
              dir="ltr"
              minLength={12}
              required
              value={newPassword}
              onChange={(event) => setNewPassword(event.target.value)}
              aria-describedby="new-password-error"
            />
            <FieldError id="new-password-error" message={fieldProblem(error, 'newPassword')} />
          </div>
          <button type="submit" disabled={busy}>
            {intl.formatMessage({ id: 'login.changeSubmit' })}
          </button>
        </form>
      )}
      {step.kind === 'enrol' && (
        <form onSubmit={confirm} aria-labelledby="enrol-title">
          <h2 id="enrol-title">
            <FormattedMessage id="login.enrolTitle" />
          </h2>
          <p>
            <FormattedMessage id="login.enrolIntro" />
          </p>
          <p>
            <FormattedMessage id="login.secret" />:{' '}
            <span data-testid="totp-secret">
              <Code>{step.secret}</Code>
            </span>
          </p>
          <p className="uri">
            <Code>{step.uri}</Code>
          </p>
          {codeField}
          <button type="submit" disabled={busy}>
            {intl.formatMessage({ id: 'login.enrolSubmit' })}
          </button>
        </form>
      )}
      {step.kind === 'verify' && (
        <form onSubmit={verify} aria-labelledby="verify-title">
          <h2 id="verify-title">
            <FormattedMessage id="login.verifyTitle" />
          </h2>
          <p>
            <FormattedMessage id="login.verifyIntro" />
          </p>
          {codeField}
          <button type="submit" disabled={busy}>
            {intl.formatMessage({ id: 'login.verifySubmit' })}
          </button>
        </form>
      )}
    </div>
  );
}

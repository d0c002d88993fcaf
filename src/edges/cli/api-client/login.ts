// `qanat login`: password, then a new password when the one-time password must be changed, then a
// TOTP code (or a TOTP enrolment the first time). Each step is saved, so an enrolment can be
// confirmed by a second command once the code is on the device.
import { CliFailure, exitCodes } from './cli-failure.js';
import { QanatApi, ApiProblem, sessionCookieName, type Problem } from './api-client.js';
import { writeCredentials, type Credentials } from './credentials.js';
import { ask } from './prompt.js';

interface LoginAnswer {
  userId: string;
  csrfToken: string;
  mustChangePassword: boolean;
  secondFactor: 'none' | 'required' | 'enrolment_required';
  sessionExpiresAt: string;
}

export interface LoginOutcome {
  readonly credentials: Credentials;
  /** shown once when an enrolment began: the secret to add to the authenticator */
  readonly enrolment?: { secret: string; otpauthUri: string };
}

async function passwordLogin(
  url: string,
  userId: string,
  password: string,
): Promise<{ answer: LoginAnswer; sessionId: string }> {
  let response: Response;
  try {
    response = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ userId, password }),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
    throw new CliFailure(
      exitCodes.unreachable,
      `the Qanat server at ${url} did not answer (${cause})`,
    );
  }
  const text = await response.text();
  const json = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  if (!response.ok)
    throw new ApiProblem({ ...(json as Partial<Problem>), status: response.status });
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(`${sessionCookieName}=`));
  if (!cookie)
    throw new CliFailure(exitCodes.auth, 'the server answered the login without a session cookie');
  return {
    answer: json as unknown as LoginAnswer,
    sessionId: cookie.slice(sessionCookieName.length + 1),
  };
}

export async function logIn(
  url: string,
  userId: string,
  options: { code?: string; save: (credentials: Credentials) => void; say: (line: string) => void },
): Promise<LoginOutcome> {
  const password = await ask(`password for ${userId}: `, {
    hidden: true,
    envName: 'QANAT_PASSWORD',
  });
  const { answer, sessionId } = await passwordLogin(url, userId, password);
  let credentials: Credentials = {
    url,
    userId: answer.userId,
    sessionId,
    csrfToken: answer.csrfToken,
    pending:
      answer.secondFactor === 'none'
        ? 'none'
        : answer.secondFactor === 'required'
          ? 'totp'
          : 'enrolment',
    sessionExpiresAt: answer.sessionExpiresAt,
  };
  options.save(credentials);
  const api = new QanatApi(url, { kind: 'session', sessionId, csrfToken: answer.csrfToken });
  if (answer.mustChangePassword) {
    options.say('the one-time password must be changed now');
    const newPassword = await ask('new password: ', {
      hidden: true,
      envName: 'QANAT_NEW_PASSWORD',
    });
    if (!process.env.QANAT_NEW_PASSWORD) {
      const again = await ask('new password again: ', {
        hidden: true,
        envName: 'QANAT_NEW_PASSWORD',
      });
      if (again !== newPassword)
        throw new CliFailure(exitCodes.usage, 'the two new passwords differ; nothing changed');
    }
    await api.post('/auth/password', { currentPassword: password, newPassword });
  }
  if (answer.secondFactor === 'required') {
    const code =
      options.code ?? (await ask('TOTP code: ', { hidden: false, envName: 'QANAT_TOTP_CODE' }));
    await api.post('/auth/totp/verify', { code });
    credentials = { ...credentials, pending: 'none' };
    options.save(credentials);
  }
  if (answer.secondFactor === 'enrolment_required') {
    const enrolment = await api.post<{ secret: string; otpauthUri: string }>(
      '/auth/totp/enrolment',
    );
    options.say(
      `your role needs a TOTP second factor: add this secret to an authenticator (shown once)`,
    );
    options.say(`  secret ${enrolment.secret}`);
    options.say(`  ${enrolment.otpauthUri}`);
    if (process.stdin.isTTY) {
      const code = await ask('code from the authenticator: ', {
        hidden: false,
        envName: 'QANAT_TOTP_CODE_UNUSED',
      });
      credentials = await confirmEnrolment(credentials, code, options.save);
    } else {
      options.say('then confirm it: qanat login --confirm-enrolment CODE');
    }
    return { credentials, enrolment };
  }
  return { credentials };
}

export async function confirmEnrolment(
  credentials: Credentials,
  code: string,
  save: (credentials: Credentials) => void,
): Promise<Credentials> {
  const api = new QanatApi(credentials.url, {
    kind: 'session',
    sessionId: credentials.sessionId,
    csrfToken: credentials.csrfToken,
  });
  await api.post('/auth/totp/enrolment/confirm', { code });
  const confirmed: Credentials = { ...credentials, pending: 'none' };
  save(confirmed);
  return confirmed;
}

export { writeCredentials };

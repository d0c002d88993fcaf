// Who is signed in (GET /auth/me) and which programme the pages show. A 401 from any call marks
// the session expired: the page stays mounted (nothing typed is lost) under a sign-in dialog, and
// after signing in again the person is back where they were.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, ApiProblem, unwrap, whenSessionExpires } from './api/client';
import type { components } from './api/schema';
import { Login } from './pages/Login';

export type Me = components['schemas']['Me'];
interface Session {
  readonly me: Me;
  readonly programmeId: string;
  readonly programmeIds: readonly string[];
  readonly setProgrammeId: (id: string) => void;
  readonly roles: ReadonlySet<string>;
}
const SessionContext = createContext<Session | undefined>(undefined);
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionGate');
  return session;
}

export function SessionGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [expired, setExpired] = useState(false);
  const [picked, setPicked] = useState<string>();
  useEffect(() => whenSessionExpires(() => setExpired(true)), []);
  const me = useQuery({
    queryKey: ['me'],
    queryFn: () => unwrap(api.GET('/auth/me')),
    retry: false,
    staleTime: 60_000,
  });
  const meExpired =
    me.error instanceof ApiProblem && me.error.problem.status === 401 && me.data !== undefined;
  useEffect(() => {
    if (meExpired) setExpired(true);
  }, [meExpired]);
  const ready =
    me.data &&
    !me.data.mustChangePassword &&
    (me.data.secondFactorDone || !me.data.secondFactorRequired);
  const programmes = useQuery({
    queryKey: ['programmes'],
    queryFn: () => unwrap(api.GET('/programmes', { params: { query: { limit: 200 } } })),
    enabled: Boolean(ready),
  });
  const signedIn = async () => {
    setExpired(false);
    await queryClient.invalidateQueries();
  };
  if (me.isPending)
    return (
      <p className="loading">
        <FormattedLoading />
      </p>
    );
  if (!ready)
    return (
      <main id="main">
        <Login onDone={signedIn} />
      </main>
    );
  if (!programmes.data)
    return (
      <p className="loading">
        <FormattedLoading />
      </p>
    );
  const programmeIds = programmes.data.items.map((item) => item.programmeId);
  const programmeId = picked && programmeIds.includes(picked) ? picked : (programmeIds[0] ?? '');
  const roles = new Set(
    me
      .data!.grants.filter(
        (grant) => grant.programmeId === '*' || grant.programmeId === programmeId,
      )
      .map((grant) => grant.role),
  );
  return (
    <SessionContext.Provider
      value={{ me: me.data!, programmeId, programmeIds, setProgrammeId: setPicked, roles }}
    >
      {children}
      {expired && (
        <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="login-title">
          <div className="dialog">
            <Login onDone={signedIn} expired />
          </div>
        </div>
      )}
    </SessionContext.Provider>
  );
}

function FormattedLoading() {
  return <FormattedMessage id="common.loading" />;
}

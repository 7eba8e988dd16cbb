import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, call, type Person } from '../api/client';
import { sessionOf, type Role } from '../auth/session';
import { Loading, Page, ProblemAlert } from '../components/ui';
import { useSession } from '../session-context';
import { personName } from '../format';

const roleDescriptions: Record<Role, string> = {
  teller: 'Teller — bank staff: search persons and accounts, timelines, transfers, analytics, the live feed.',
  admin: 'Admin — everything a teller sees, and operations: subscriptions, parked events, rebuilds, the ledger check.',
  customer: 'Customer — one person’s own accounts: balances, transactions, deposits, withdrawals and transfers.',
};

async function devToken(role: Role, personId?: string): Promise<string> {
  const issued = await call(api.POST('/api/v1/dev/tokens', { body: { role, ...(personId ? { person_id: personId } : {}), ttl_seconds: 8 * 3600 } }));
  return issued.access_token;
}

export function SignInPage() {
  const { config, session, notice } = useSession();
  const location = useLocation();
  const returnTo = (location.state as { returnTo?: string } | null)?.returnTo ?? '/';
  if (session) return <Navigate to={returnTo} replace />;
  return (
    <Page title="Sign in" lead="The console uses the OpenBank API with your token: you see and do what your role allows.">
      {notice ? (
        <p className="alert alert-info" role="status">
          {notice}
        </p>
      ) : null}
      <div className="sign-in-options">
        {config.oidc ? <ProviderSignIn returnTo={returnTo} /> : null}
        {config.dev_tokens ? <DevelopmentSignIn returnTo={returnTo} /> : null}
        {!config.oidc && !config.dev_tokens ? (
          <p className="alert alert-info">
            No way to sign in is configured here: set <code>AUTH_CONSOLE_CLIENT_ID</code> (with <code>AUTH_ISSUER</code> naming your identity provider), or use the console on the
            machine OpenBank runs on with development tokens on.
          </p>
        ) : null}
      </div>
    </Page>
  );
}

function ProviderSignIn({ returnTo }: { returnTo: string }) {
  const { config } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const start = () => {
    setBusy(true);
    // The OpenID Connect client is loaded only by those who use it.
    import('../auth/oidc')
      .then(({ beginSignIn }) => beginSignIn(config.oidc!, returnTo))
      .catch((failure: unknown) => {
        setError(failure);
        setBusy(false);
      });
  };
  return (
    <section className="card" aria-labelledby="provider-heading">
      <h2 id="provider-heading">With your identity provider</h2>
      <p>
        Sign in at <strong>{new URL(config.oidc!.issuer).host}</strong> (OpenID Connect, authorization code with PKCE).
      </p>
      <button type="button" className="button-primary" onClick={start} disabled={busy}>
        Sign in with your identity provider
      </button>
      <ProblemAlert error={error} title="Sign-in failed" />
    </section>
  );
}

function DevelopmentSignIn({ returnTo }: { returnTo: string }) {
  const { config, signIn } = useSession();
  const navigate = useNavigate();
  const [role, setRole] = useState<Role>('teller');
  const [personId, setPersonId] = useState('');
  const [nameFilter, setNameFilter] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const ids = useId();

  // The persons list is for staff: the console asks for it with a teller's development token, kept for this list only.
  const persons = useQuery({
    queryKey: ['sign-in', 'persons', nameFilter],
    enabled: role === 'customer',
    queryFn: async () => {
      const teller = await devToken('teller');
      return call(
        api.GET('/api/v1/persons', { params: { query: { page_size: 100, ...(nameFilter ? { name: nameFilter } : {}) } as never }, headers: { authorization: `Bearer ${teller}` } }),
      );
    },
  });
  const people: readonly Person[] = persons.data?.items ?? [];
  useEffect(() => {
    if (role === 'customer' && people.length && !people.some((person) => person.id === personId)) setPersonId(people[0]!.id);
  }, [role, people, personId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const token = await devToken(role, role === 'customer' ? personId : undefined);
      signIn(sessionOf(token, config, 'development token'));
      navigate(returnTo, { replace: true });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="dev-heading">
      <h2 id="dev-heading">With a development token</h2>
      <p>Development tokens are on: OpenBank issues one for any role to callers on the machine it runs on.</p>
      <form onSubmit={submit} className="stack">
        <fieldset>
          <legend>Role</legend>
          {(['teller', 'admin', 'customer'] as const).map((option) => (
            <div className="radio" key={option}>
              <input type="radio" id={`${ids}-${option}`} name="role" value={option} checked={role === option} onChange={() => setRole(option)} />
              <label htmlFor={`${ids}-${option}`}>{roleDescriptions[option]}</label>
            </div>
          ))}
        </fieldset>
        {role === 'customer' ? (
          <div className="stack">
            <div className="field">
              <label htmlFor={`${ids}-filter`}>Find a person by name</label>
              <input id={`${ids}-filter`} type="search" value={nameFilter} onChange={(event) => setNameFilter(event.target.value)} autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor={`${ids}-person`}>Person</label>
              <select id={`${ids}-person`} value={personId} onChange={(event) => setPersonId(event.target.value)} required>
                {people.length === 0 ? <option value="">{persons.isLoading ? 'Loading persons…' : 'No person found'}</option> : null}
                {people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {personName(person)} · born {person.date_of_birth ?? '—'} · {person.id.slice(0, 8)}
                  </option>
                ))}
              </select>
            </div>
            <ProblemAlert error={persons.error} title="The persons could not be listed" />
          </div>
        ) : null}
        <div>
          <button type="submit" className="button-primary" disabled={busy || (role === 'customer' && !personId)}>
            Sign in as {role}
          </button>
        </div>
        <ProblemAlert error={error} title="Sign-in failed" />
      </form>
    </section>
  );
}

/** Back from the identity provider with a code: exchanged for tokens, then the URL is cleaned up. */
export function CallbackPage() {
  const { config, signIn } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !config.oidc) return;
    started.current = true;
    const url = new URL(window.location.href);
    window.history.replaceState(null, '', '/console/callback');
    import('../auth/oidc')
      .then(({ completeSignIn }) => completeSignIn(config.oidc!, url))
      .then(
        ({ accessToken, expiresIn, returnTo }) => {
          signIn(sessionOf(accessToken, config, 'identity provider', expiresIn));
          navigate(returnTo || '/', { replace: true });
        },
        (failure: unknown) => setError(failure),
      );
  }, [config, navigate, signIn]);
  return (
    <Page title="Signing in">
      {error ? <ProblemAlert error={error} title="Sign-in failed" /> : <Loading what="your session" />}
      {error ? (
        <p>
          <a href="/console/sign-in">Try again</a>
        </p>
      ) : null}
    </Page>
  );
}

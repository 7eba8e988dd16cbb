import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { loadConfig, type ConsoleConfig } from './auth/config';
import { isAdmin, isStaff } from './auth/session';
import { LiveFeedProvider, useLiveFeed } from './live/live-feed-context';
import { Loading } from './components/ui';
import { LiveFeedPage } from './pages/live-feed-page';
import { MyAccountsPage } from './pages/my-accounts-page';
import { NotFoundPage } from './pages/not-found-page';
import { PersonPage } from './pages/person-page';
import { CallbackPage, SignInPage } from './pages/sign-in-page';
import { StaffSearchPage } from './pages/staff-search-page';
import { TransferPage } from './pages/transfer-page';
import { SessionProvider, useSession } from './session-context';

// The pages that draw charts load Chart.js with them: when first opened, or once the browser is idle after signing in.
const accountPage = () => import('./pages/account-page');
const analyticsPage = () => import('./pages/analytics-page');
const operationsPage = () => import('./pages/operations-page');
const AccountPage = lazy(() => accountPage().then((module) => ({ default: module.AccountPage })));
const AnalyticsPage = lazy(() => analyticsPage().then((module) => ({ default: module.AnalyticsPage })));
const OperationsPage = lazy(() => operationsPage().then((module) => ({ default: module.OperationsPage })));

function usePrefetchedPages(signedIn: boolean, staff: boolean, admin: boolean): void {
  useEffect(() => {
    if (!signedIn) return;
    const prefetch = () => void Promise.all([accountPage(), ...(staff ? [analyticsPage()] : []), ...(admin ? [operationsPage()] : [])]).catch(() => undefined);
    const handle = window.requestIdleCallback ? window.requestIdleCallback(prefetch, { timeout: 3000 }) : window.setTimeout(prefetch, 1000);
    return () => (window.cancelIdleCallback ? window.cancelIdleCallback(handle) : window.clearTimeout(handle));
  }, [signedIn, staff, admin]);
}

export function App() {
  const [config, setConfig] = useState<ConsoleConfig>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    loadConfig().then(setConfig, (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  }, []);
  if (failure) {
    return (
      <main id="main" className="centered">
        <h1>OpenBank console</h1>
        <p role="alert">The console could not start: {failure}.</p>
      </main>
    );
  }
  if (!config) return <main id="main" className="centered" aria-busy="true" />;
  return (
    <SessionProvider config={config}>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const { session, token } = useSession();
  usePrefetchedPages(!!session, isStaff(session), isAdmin(session));
  return (
    <LiveFeedProvider enabled={isStaff(session)} token={token}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <TopBar />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading what="the page" />}>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/callback" element={<CallbackPage />} />
            <Route path="/" element={<Signed>{isStaff(session) ? <StaffSearchPage /> : <MyAccountsPage />}</Signed>} />
            <Route
              path="/accounts/:id"
              element={
                <Signed>
                  <AccountPage />
                </Signed>
              }
            />
            <Route
              path="/persons/:id"
              element={
                <Signed>
                  <PersonPage />
                </Signed>
              }
            />
            <Route
              path="/transfers/:id"
              element={
                <Signed>
                  <TransferPage />
                </Signed>
              }
            />
            <Route
              path="/analytics"
              element={
                <Signed staff>
                  <AnalyticsPage />
                </Signed>
              }
            />
            <Route
              path="/live"
              element={
                <Signed staff>
                  <LiveFeedPage />
                </Signed>
              }
            />
            <Route
              path="/operations"
              element={
                <Signed admin>
                  <OperationsPage />
                </Signed>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </main>
    </LiveFeedProvider>
  );
}

/** A page for signed-in users (of a role): otherwise to the sign-in page, and back here after it. */
function Signed({ staff = false, admin = false, children }: { staff?: boolean; admin?: boolean; children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ returnTo: location.pathname + location.search }} />;
  if ((staff && !isStaff(session)) || (admin && !isAdmin(session))) return <NotFoundPage />;
  return children;
}

function TopBar() {
  const { session, signOut } = useSession();
  const { status } = useLiveFeed();
  const role = session?.roles.includes('admin') ? 'admin' : session?.roles.includes('teller') ? 'teller' : session ? 'customer' : undefined;
  return (
    <header className="topbar">
      <Link to="/" className="brand">
        <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
          <rect width="32" height="32" rx="6" fill="currentColor" />
          <path d="M6 13 16 7l10 6v2H6zM8 17h3v7H8zm6.5 0h3v7h-3zM21 17h3v7h-3zM6 25h20v2H6z" fill="#fff" />
        </svg>
        <span>OpenBank</span>
      </Link>
      {session ? (
        <nav aria-label="Main">
          <ul>
            {isStaff(session) ? (
              <>
                <li>
                  <NavLink to="/" end>
                    Search
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/analytics">Analytics</NavLink>
                </li>
                <li>
                  <NavLink to="/live">Live feed</NavLink>
                </li>
                {isAdmin(session) ? (
                  <li>
                    <NavLink to="/operations">Operations</NavLink>
                  </li>
                ) : null}
              </>
            ) : (
              <li>
                <NavLink to="/" end>
                  My accounts
                </NavLink>
              </li>
            )}
          </ul>
        </nav>
      ) : null}
      {session ? (
        <div className="who">
          <span className="who-name" title={session.subject}>
            {role}
            {isStaff(session) ? <span className={`feed-dot feed-${status}`} title={`Live feed: ${status}`} aria-label={`live feed ${status}`} role="img" /> : null}
          </span>
          <button type="button" className="button-quiet" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      ) : null}
    </header>
  );
}

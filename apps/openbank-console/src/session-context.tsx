import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { authorizeWith } from './api/client';
import type { ConsoleConfig } from './auth/config';
import { storedSession, storeSession, type Session } from './auth/session';

interface SessionContextValue {
  readonly config: ConsoleConfig;
  readonly session: Session | undefined;
  /** Why the last session ended, when it was not the user's choice. */
  readonly notice: string | undefined;
  readonly token: () => string | undefined;
  signIn(session: Session): void;
  signOut(notice?: string): void;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export function SessionProvider({ config, children }: { config: ConsoleConfig; children: ReactNode }) {
  const queries = useQueryClient();
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const [notice, setNotice] = useState<string>();
  const current = useRef(session);
  current.current = session;

  const signOut = useCallback(
    (reason?: string) => {
      storeSession(undefined);
      setSession(undefined);
      setNotice(reason);
      queries.clear();
    },
    [queries],
  );
  const signIn = useCallback(
    (next: Session) => {
      queries.clear();
      storeSession(next);
      setNotice(undefined);
      setSession(next);
    },
    [queries],
  );
  const token = useCallback(() => current.current?.accessToken, []);

  authorizeWith(token, () => {
    if (current.current) signOut('Your session has ended: sign in again.');
  });

  // A session ends when its token expires; the console does not keep using a dead token.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => signOut('Your session has expired: sign in again.'), Math.max(0, Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(() => ({ config, session, notice, token, signIn, signOut }), [config, session, notice, token, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

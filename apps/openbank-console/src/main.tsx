import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app';
import { ApiProblem } from './api/client';
import './styles.css';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // Fresh for a second: nothing is fetched again more often than that, whatever asks for it.
      staleTime: 1000,
      refetchOnWindowFocus: false,
      // A refusal (4xx) is an answer, not a failure worth repeating.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiProblem && error.response.status < 500),
      retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 10_000),
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <BrowserRouter basename="/console">
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);

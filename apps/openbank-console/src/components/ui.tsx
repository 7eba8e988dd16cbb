import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import { plainProblem } from '../api/problems';

/** A page: its <h1> gets the focus when the page is opened, so keyboard and screen-reader users start there. */
export function Page({ title, lead, actions, children }: { title: string; lead?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · OpenBank console`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {lead ? <p className="lead">{lead}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </>
  );
}

/** A refused or failed request, in plain words. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const plain = plainProblem(error);
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">
        {title ? <strong>{title}: </strong> : null}
        {plain.headline}
      </p>
      {plain.detail ? <p>{plain.detail}</p> : null}
      {plain.fields ? (
        <ul>
          {plain.fields.map((field) => (
            <li key={field}>{field}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A page whose subject is not there: why it could not be had (not found, refused, a failure), or that it is on its way. */
export function PageWithout({ title, what, error }: { title: string; what: string; error: unknown }) {
  if (error) {
    return (
      <Page title={`${title} not found`}>
        <ProblemAlert error={error} />
        <p>
          <Link to="/">Back to the start</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={title}>
      <Loading what={what} />
    </Page>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function Section({ title, id, children, actions }: { title: string; id?: string; children: ReactNode; actions?: ReactNode }) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-heading`;
  return (
    <section className="card" aria-labelledby={headingId} id={id}>
      <div className="card-head">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Previous / next through a paged list. */
export function Pager({ page, totalPages, totalItems, onPage, label }: { page: number; totalPages: number; totalItems: number; onPage: (page: number) => void; label: string }) {
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        Previous
      </button>
      <span aria-live="polite">
        Page {Math.min(page, Math.max(totalPages, 1))} of {Math.max(totalPages, 1)} · {totalItems} in all
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= totalPages}>
        Next
      </button>
    </nav>
  );
}

export function Badge({ tone, children }: { tone: 'ok' | 'warn' | 'bad' | 'neutral'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A definition list of facts. */
export function Facts({ items }: { items: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="facts">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A column heading: its label, or its label with whether it holds amounts (aligned right) or is for screen readers only. */
export type Column = string | { label: string; number?: boolean; hidden?: boolean };

/**
 * A table with its column headings and a caption for screen readers, in a region that scrolls
 * sideways on a narrow screen (focusable, so a keyboard can scroll it). Its children are the body.
 */
export function DataTable({ label, caption, columns, testId, children }: { label: string; caption: string; columns: readonly Column[]; testId?: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={`${label}, scrollable`} tabIndex={0}>
      <table data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const { label: heading, number = false, hidden = false } = typeof column === 'string' ? { label: column } : column;
              return (
                <th scope="col" key={heading} className={number ? 'number' : undefined}>
                  {hidden ? <span className="visually-hidden">{heading}</span> : heading}
                </th>
              );
            })}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

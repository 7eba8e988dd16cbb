import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { answer, api, type Account } from '../api/client';
import { plainProblem } from '../api/problems';
import { money } from '../format';
import { ProblemAlert } from './ui';

type Kind = 'deposit' | 'withdrawal' | 'transfer';

const kinds: readonly { kind: Kind; label: string }[] = [
  { kind: 'deposit', label: 'Deposit' },
  { kind: 'withdrawal', label: 'Withdraw' },
  { kind: 'transfer', label: 'Transfer' },
];

type Outcome = { ok: true; message: string; transferId?: string } | { ok: false; error: unknown };

/**
 * Deposit, withdraw or transfer. Each submission carries an Idempotency-Key: the same one when the
 * same request is sent again after no answer (or a 409/429/5xx), so the bank records it once;
 * a new one for the next submission.
 */
export function MoneyForm({ account, otherAccounts, onDone }: { account: Account; otherAccounts: readonly Account[]; onDone: (...accountIds: string[]) => void }) {
  const ids = useId();
  const [kind, setKind] = useState<Kind>('deposit');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [target, setTarget] = useState('');
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const inFlight = useRef(false);
  const submission = useRef<{ request: string; key: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A second click while the first is on its way sends nothing.
    if (inFlight.current) return;
    const request = JSON.stringify({ kind, amount, description, target });
    if (submission.current?.request !== request) submission.current = { request, key: crypto.randomUUID() };
    const headers = { 'Idempotency-Key': submission.current.key };
    const text = description.trim() || undefined;
    inFlight.current = true;
    setPending(true);
    setOutcome(undefined);
    try {
      const { data, response } =
        kind === 'transfer'
          ? await answer(
              api.POST('/api/v1/transactions/transfer', {
                params: { header: headers },
                body: { from_account_id: account.id, to_account_id: target.trim(), amount, ...(text ? { description: text } : {}) },
              }),
            )
          : await answer(
              api.POST(kind === 'deposit' ? '/api/v1/transactions/deposit' : '/api/v1/transactions/withdrawal', {
                params: { header: headers },
                body: { account_id: account.id, amount, ...(text ? { description: text } : {}) },
              }),
            );
      const replayed = response.headers.get('idempotent-replayed') === 'true';
      const again = replayed ? ' It had already been recorded: this answer repeats the first one, and no money moved twice.' : '';
      submission.current = null;
      setAmount('');
      setDescription('');
      if ('status' in data) {
        const status = data.status === 'COMPLETED' ? 'completed' : data.status === 'FAILED' ? 'failed' : 'on its way';
        setOutcome({ ok: true, message: `Transfer of ${money(data.amount, data.currency)} ${status}.${again}`, transferId: data.id });
        onDone(account.id, data.to_account_id);
      } else {
        const verb = kind === 'deposit' ? 'Deposited' : 'Withdrew';
        setOutcome({ ok: true, message: `${verb} ${money(data.amount, data.currency)}. The balance is now ${money(data.balance_after, data.currency)}.${again}` });
        onDone(account.id);
      }
    } catch (error) {
      // A final answer ends this submission; after no answer, the same request goes again with its key.
      if (!plainProblem(error).retry) submission.current = null;
      setOutcome({ ok: false, error });
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };

  const closed = account.status === 'CLOSED';
  return (
    <form onSubmit={submit} className="stack money-form" aria-describedby={closed ? `${ids}-closed` : undefined}>
      {closed ? (
        <p id={`${ids}-closed`} className="alert alert-info">
          This account is closed: no money can move in or out of it.
        </p>
      ) : null}
      <fieldset className="segmented">
        <legend>What to do</legend>
        {kinds.map((option) => (
          <span key={option.kind}>
            <input type="radio" id={`${ids}-${option.kind}`} name={`${ids}-kind`} value={option.kind} checked={kind === option.kind} onChange={() => setKind(option.kind)} />
            <label htmlFor={`${ids}-${option.kind}`}>{option.label}</label>
          </span>
        ))}
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${ids}-amount`}>Amount ({account.currency})</label>
          <input
            id={`${ids}-amount`}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            required
            placeholder="25.00"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
          />
        </div>
        {kind === 'transfer' ? (
          <div className="field">
            <label htmlFor={`${ids}-target`}>To account (id)</label>
            <input
              id={`${ids}-target`}
              name="to_account_id"
              list={`${ids}-targets`}
              autoComplete="off"
              required
              value={target}
              onChange={(event) => setTarget(event.target.value)}
            />
            <datalist id={`${ids}-targets`}>
              {otherAccounts.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.owner} · {other.currency} · {money(other.balance, other.currency)}
                </option>
              ))}
            </datalist>
          </div>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-description`}>Description (optional)</label>
        <input id={`${ids}-description`} name="description" maxLength={200} autoComplete="off" value={description} onChange={(event) => setDescription(event.target.value)} />
      </div>
      <div>
        <button type="submit" className="button-primary" disabled={pending || closed}>
          {pending ? 'Sending…' : kinds.find((option) => option.kind === kind)!.label}
        </button>
      </div>
      <div aria-live="polite">
        {outcome?.ok ? (
          <p className="alert alert-ok" role="status">
            {outcome.message} {outcome.transferId ? <Link to={`/transfers/${outcome.transferId}`}>See the transfer’s steps</Link> : null}
          </p>
        ) : null}
      </div>
      {outcome && !outcome.ok ? <ProblemAlert error={outcome.error} title={plainProblem(outcome.error).retry ? 'Not confirmed' : `The ${kind} was not made`} /> : null}
    </form>
  );
}

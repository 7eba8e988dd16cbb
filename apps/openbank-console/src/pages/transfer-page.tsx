import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { Badge, Facts, Page, PageWithout, Section } from '../components/ui';
import { money, when } from '../format';
import { useRefreshInterval } from '../queries';

const stepNames: Record<string, string> = {
  INITIATED: 'Initiated',
  SOURCE_DEBITED: 'Source account debited',
  TARGET_CREDITED: 'Target account credited',
  CREDIT_REFUSED: 'Credit refused by the target account',
  DEBIT_REVERSED: 'Debit given back to the source account',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
};

/** A transfer and each step it took. */
export function TransferPage() {
  const { id = '' } = useParams();
  const refetchInterval = useRefreshInterval();
  const transfer = useQuery({ queryKey: ['transfer', id], refetchInterval, queryFn: () => call(api.GET('/api/v1/transactions/transfers/{id}', { params: { path: { id } } })) });
  if (!transfer.data || transfer.error) return <PageWithout title="Transfer" what="the transfer" error={transfer.error} />;
  const data = transfer.data;
  const tone = data.status === 'COMPLETED' ? 'ok' : data.status === 'FAILED' ? 'bad' : 'warn';
  return (
    <Page title={`Transfer of ${money(data.amount, data.currency)}`} lead={<Badge tone={tone}>{data.status}</Badge>}>
      <div className="two-columns">
        <Section title="Transfer" id="transfer">
          <Facts
            items={[
              ['Transfer id', <code key="id">{data.id}</code>],
              [
                'From',
                <Link key="from" to={`/accounts/${data.from_account_id}`}>
                  {data.from_account_id}
                </Link>,
              ],
              [
                'To',
                <Link key="to" to={`/accounts/${data.to_account_id}`}>
                  {data.to_account_id}
                </Link>,
              ],
              ['Description', data.description ?? '—'],
              ['Initiated', when(data.initiated_at)],
              ...(data.failure
                ? ([['Why it failed', `${data.failure.reason} (${data.failure.code})${data.failure.compensated ? ', the debit was given back' : ''}`]] as const)
                : []),
            ]}
          />
        </Section>
        <Section title="Steps" id="steps">
          <ol className="steps" data-testid="transfer-steps">
            {data.steps.map((step, index) => (
              <li key={`${step.step}-${index}`} className={`step step-${step.step.toLowerCase()}`}>
                <strong>{stepNames[step.step] ?? step.step}</strong>
                <span>
                  <time dateTime={step.at}>{when(step.at)}</time>
                </span>
                {step.reason ? <span>{step.reason}</span> : null}
              </li>
            ))}
          </ol>
        </Section>
      </div>
    </Page>
  );
}

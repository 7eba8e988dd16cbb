import { Command, Help } from 'nest-commander';
import type { OpenBankApi } from '../connection/openbank-api.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { OpenBankCommand } from '../openbank-command.js';
import { count } from '../output/format.js';
import { table, type Cell } from '../output/table.js';
import { appFiles, dockerComposeFile, runningPid } from '../running/app-files.js';
import type { HealthAnswer } from '../running/health.js';
import { lagText, type SubscriptionStatus } from './subscription-status.js';

const components: [key: string, name: string][] = [
  ['event_store', 'event store (KurrentDB)'],
  ['read_store', 'read store (MongoDB)'],
  ['subscriptions', 'subscriptions'],
];

interface HealthOfSubscription {
  readonly running: boolean;
  readonly position: string | null;
  readonly lag_events: number;
  readonly lag_events_capped?: boolean;
  readonly lag_ms: number;
  readonly parked: number;
}

@Command({
  name: 'status',
  description: 'Health of OpenBank, its stores and each subscription (position, lag, parked events)',
})
export class StatusCommand extends OpenBankCommand {
  @Help('after')
  details(): string {
    return '\nReads GET /health (no token needed) and, with an admin token, GET /api/v1/admin/subscriptions.\nExits 0 when everything is up, 1 when a store or a subscription is down, 3 when OpenBank does not answer.';
  }

  async run(): Promise<void> {
    const files = appFiles(this.io);
    const pid = runningPid(files);
    const onDocker = !pid && dockerComposeFile(files) !== undefined;
    const api = this.api();
    let health: HealthAnswer;
    try {
      health = (await api.request<HealthAnswer>('GET', '/health', { acceptUnavailable: true, timeoutMs: 15_000 })).body;
    } catch (error) {
      if (error instanceof CliError && error.exitCode === ExitCode.Unreachable && pid) {
        throw new CliError(ExitCode.Unreachable, `OpenBank (pid ${pid}) runs but does not answer at ${api.baseUrl} (yet?): see \`openbank logs\``);
      }
      throw error;
    }

    const how = pid ? `pid ${pid}, log ${files.logFile}` : onDocker ? 'on docker-compose' : 'not started by `openbank start`';
    const rows: Cell[][] = [['OpenBank', health.status === 'ok' ? 'up' : health.status, `${api.baseUrl} (${how})`]];
    for (const [key, name] of components) {
      const detail = health.details?.[key];
      rows.push([name, detail?.status ?? 'unknown', detail?.status === 'down' ? (detail.message ?? '') : '']);
    }
    this.print(table(['component', 'status', ''], rows, this.io.stdout));

    const subscriptions = health.details?.subscriptions;
    const fromHealth = Object.entries(subscriptions ?? {}).filter(([, value]) => typeof value === 'object' && value !== null) as [string, HealthOfSubscription][];
    const details = await this.adminDetails(api);
    if (fromHealth.length > 0) {
      const subscriptionRows = fromHealth.map(([name, status]) => {
        const more = details?.get(name);
        return [name, more?.kind ?? '', status.running ? 'yes' : 'NO', status.position ?? '-', lagText(status), `${count(status.lag_ms)} ms`, more ? more.events_per_second : '', status.parked];
      });
      this.print(table(['subscription', 'kind', 'running', 'position', 'lag (events)', 'lag (time)', 'events/s', 'parked'], subscriptionRows, this.io.stdout));
    }

    const parked = fromHealth.reduce((sum, [, status]) => sum + status.parked, 0);
    if (parked > 0) this.print(`${count(parked)} events are parked: see \`openbank projections parked\`, then \`openbank projections replay\` once their cause is fixed.`);
    const stopped = fromHealth.filter(([, status]) => !status.running).map(([name]) => name);
    if (health.status !== 'ok') throw new CliError(ExitCode.Failed, 'OpenBank is not healthy: a store or the subscriptions are down (see above)');
    if (stopped.length > 0) throw new CliError(ExitCode.Failed, `subscriptions not running: ${stopped.join(', ')}`);
  }

  /** Kind and throughput of each subscription, from the admin API when the token allows it. */
  private async adminDetails(api: OpenBankApi): Promise<Map<string, SubscriptionStatus> | undefined> {
    try {
      const statuses = await api.get<SubscriptionStatus[]>('/api/v1/admin/subscriptions');
      return new Map(statuses.map((status) => [status.name, status]));
    } catch (error) {
      if (error instanceof CliError && (error.exitCode === ExitCode.NotAuthorized || error.exitCode === ExitCode.Unavailable)) {
        this.note(`(no kinds or throughput from the admin API: ${error.message})`);
        return undefined;
      }
      throw error;
    }
  }
}

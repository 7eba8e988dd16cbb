import { Command, Help } from 'nest-commander';
import type { OpenBankApi } from '../connection/openbank-api.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { OpenBankCommand } from '../openbank-command.js';
import { count, since } from '../output/format.js';
import { table, type Cell } from '../output/table.js';
import { appFiles, dockerComposeFile, runningPid } from '../running/app-files.js';
import { subscriptionsOfHealth, type HealthAnswer } from '../running/health.js';
import { processesPath, subscriptionsPath, type ProcessStatus, type SubscriptionStatus } from './subscription-status.js';

const components: [key: string, name: string][] = [
  ['event_store', 'event store (KurrentDB)'],
  ['read_store', 'read store (MongoDB)'],
  ['subscriptions', 'subscriptions'],
];

/** What the admin API adds to /health: each subscription's kind and group, and the processes of the bank. */
interface AdminView {
  readonly subscriptions: ReadonlyMap<string, SubscriptionStatus>;
  readonly processes: readonly ProcessStatus[];
}

@Command({
  name: 'status',
  description: 'Health of OpenBank, its stores, each subscription (consumers, position, lag, parked events) and its processes',
})
export class StatusCommand extends OpenBankCommand {
  @Help('after')
  details(): string {
    return [
      '',
      'Reads GET /health (no token needed) and, with an admin token, GET /api/v1/admin/subscriptions (the kind',
      'and consumer group of each subscription) and GET /api/v1/admin/processes (the API processes and',
      'projectors, with what each one consumes: consuming, standby, reconnecting or stopped).',
      'Exits 0 when everything is up, 1 when a store is down or a subscription has no running consumer',
      '(no projector consumes its group), 3 when OpenBank does not answer.',
    ].join('\n');
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

    const fromHealth = subscriptionsOfHealth(health.details?.subscriptions);
    const admin = await this.adminView(api);
    if (fromHealth.length > 0) {
      const subscriptionRows = fromHealth.map(([name, status]) => {
        const more = admin?.subscriptions.get(name);
        return [name, more?.kind, more?.group, status.running ? 'yes' : 'NO', status.consumers, status.position ?? '-', status.caught_up ? 'yes' : 'no', `${count(status.lag_ms)} ms`, status.parked];
      });
      this.print(table(['subscription', 'kind', 'group', 'running', 'consumers', 'position', 'caught up', 'lag (time)', 'parked'], subscriptionRows, this.io.stdout));
    }
    if (admin && admin.processes.length > 0) {
      const processRows = admin.processes.map((process) => [process.role, process.host, process.pid, since(process.started_at), consumersText(process)]);
      this.print(table(['role', 'host', 'pid', 'up since', 'consumers'], processRows, this.io.stdout));
    }

    const parked = fromHealth.reduce((sum, [, status]) => sum + status.parked, 0);
    if (parked > 0) this.print(`${count(parked)} events are parked: see \`openbank projections parked\`, then \`openbank projections replay\` once their cause is fixed.`);
    const stopped = fromHealth.filter(([, status]) => !status.running).map(([name]) => name);
    const noProjector = admin ? !admin.processes.some((process) => process.role.includes('projector')) : fromHealth.length > 0 && stopped.length === fromHealth.length;
    if (noProjector) {
      this.print(
        'No projector is running: nothing applies the events to the read models, moves the transfers or feeds the sinks. `openbank start` runs one beside the API (unless START_PROJECTOR=false); elsewhere run `node dist/apps/openbank-projector/src/main.js` on the API’s stores.',
      );
    }
    if (health.status !== 'ok') throw new CliError(ExitCode.Failed, 'OpenBank is not healthy: a store or the subscriptions are down (see above)');
    if (stopped.length > 0) throw new CliError(ExitCode.Failed, `subscriptions with no running consumer: ${stopped.join(', ')}`);
  }

  /** Kinds, groups and processes from the admin API, when the token allows it. */
  private async adminView(api: OpenBankApi): Promise<AdminView | undefined> {
    try {
      const [subscriptions, processes] = await Promise.all([api.get<SubscriptionStatus[]>(subscriptionsPath), api.get<ProcessStatus[]>(processesPath)]);
      return { subscriptions: new Map(subscriptions.map((status) => [status.name, status])), processes };
    } catch (error) {
      if (error instanceof CliError && (error.exitCode === ExitCode.NotAuthorized || error.exitCode === ExitCode.Unavailable)) {
        this.note(`(no kinds, groups or processes from the admin API: ${error.message})`);
        return undefined;
      }
      throw error;
    }
  }
}

/** Each consumer group of a process with what its consumer is doing: `projections: consuming, transfer-process: standby`. */
function consumersText(process: ProcessStatus): string {
  const groups = Object.entries(process.consumers);
  return groups.length === 0 ? '-' : groups.map(([group, state]) => `${group}: ${state}`).join(', ');
}

import { Inject, Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PinoLogger } from 'nestjs-pino';
import { Counter, Histogram, Registry } from 'prom-client';
import { APPLICATION_TRACING, type ApplicationTracing } from '../tracing/application-tracing.js';
import { outcomeOfError, type CommandOutcome } from './command-outcome.js';

type Labels = 'command' | 'outcome';

/**
 * Every command sent through the CommandBus, HTTP or process manager alike: counted by type and
 * outcome, timed, logged at debug level (with the correlation id of the request or event that
 * sent it) and, when tracing is on, traced. A command sent by another command's handler counts
 * on its own.
 */
@Injectable()
export class CommandObservation implements OnModuleInit {
  private readonly logger = new Logger('Commands');
  private readonly commands: Counter<Labels | 'code'>;
  private readonly duration: Histogram<Labels>;

  constructor(
    private readonly bus: CommandBus,
    registry: Registry,
    @Optional() @Inject(APPLICATION_TRACING) private readonly tracing?: ApplicationTracing,
  ) {
    this.commands = new Counter({
      name: 'openbank_commands_total',
      help: 'Commands by type and outcome (accepted, refused, conflict, failed), with the error code of those not accepted',
      labelNames: ['command', 'outcome', 'code'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'openbank_command_duration_seconds',
      help: 'Time from sending a command to its outcome, by type and outcome',
      labelNames: ['command', 'outcome'],
      registers: [registry],
    });
  }

  /** The bus offers no interception point of its own: its execute is wrapped, once. */
  onModuleInit(): void {
    const execute = this.bus.execute.bind(this.bus);
    this.bus.execute = ((command: object, context?: unknown) => this.observe(command, () => execute(command as never, context as never))) as CommandBus['execute'];
  }

  private async observe<T>(command: object, run: () => Promise<T>): Promise<T> {
    const name = command.constructor.name;
    const started = performance.now();
    const done = (outcome: CommandOutcome, code = '') => {
      const seconds = (performance.now() - started) / 1000;
      this.commands.inc({ command: name, outcome, code });
      this.duration.observe({ command: name, outcome }, seconds);
      if (debugLogged()) this.logger.debug({ msg: 'command handled', command: name, outcome, ...(code ? { code } : {}), durationMs: Math.round(seconds * 1000) });
    };
    try {
      const result = this.tracing ? await this.tracing.command(name, correlationIdOf(command), run) : await run();
      done('accepted');
      return result;
    } catch (error) {
      const { outcome, code } = outcomeOfError(error);
      done(outcome, code);
      throw error;
    }
  }
}

/** Whether a debug line would be written at all: building one costs as much as the metrics. */
function debugLogged(): boolean {
  return PinoLogger.root?.isLevelEnabled('debug') ?? true;
}

function correlationIdOf(command: object): string | undefined {
  const context = (command as { context?: { correlationId?: unknown } }).context;
  return typeof context?.correlationId === 'string' ? context.correlationId : undefined;
}

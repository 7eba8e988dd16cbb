import { Module, type DynamicModule } from '@nestjs/common';
import { CLI_IO, type CliIo } from './cli-io.js';
import { ArchiveListCommand } from './commands/archive-list.command.js';
import { ArchiveRestoreCommand } from './commands/archive-restore.command.js';
import { ArchiveRunCommand } from './commands/archive-run.command.js';
import { ArchiveVerifyCommand } from './commands/archive-verify.command.js';
import { ArchiveCommand } from './commands/archive.command.js';
import { BackupCommand } from './commands/backup.command.js';
import { RestoreCommand } from './commands/restore.command.js';
import { LogsCommand } from './commands/logs.command.js';
import { ProjectionsListCommand } from './commands/projections-list.command.js';
import { ProjectionsParkedCommand } from './commands/projections-parked.command.js';
import { ProjectionsRebuildCommand } from './commands/projections-rebuild.command.js';
import { ProjectionsReplayCommand } from './commands/projections-replay.command.js';
import { ProjectionsSupersededCommand } from './commands/projections-superseded.command.js';
import { ProjectionsCommand } from './commands/projections.command.js';
import { SeedCommand } from './commands/seed.command.js';
import { StartCommand } from './commands/start.command.js';
import { StatusCommand } from './commands/status.command.js';
import { StopCommand } from './commands/stop.command.js';
import { StreamsIdleCommand } from './commands/streams-idle.command.js';
import { StreamsStatsCommand } from './commands/streams-stats.command.js';
import { StreamsCommand } from './commands/streams.command.js';
import { VerifyCommand } from './commands/verify.command.js';
import { Program } from './program.js';

/** Every `openbank` command, in the order `openbank --help` lists them. */
const commands = [
  StartCommand,
  StopCommand,
  StatusCommand,
  LogsCommand,
  SeedCommand,
  ProjectionsCommand,
  ProjectionsListCommand,
  ProjectionsRebuildCommand,
  ProjectionsParkedCommand,
  ProjectionsReplayCommand,
  ProjectionsSupersededCommand,
  VerifyCommand,
  StreamsCommand,
  StreamsStatsCommand,
  StreamsIdleCommand,
  ArchiveCommand,
  ArchiveRunCommand,
  ArchiveListCommand,
  ArchiveVerifyCommand,
  ArchiveRestoreCommand,
  BackupCommand,
  RestoreCommand,
];

@Module({})
export class CliModule {
  static register(io: CliIo): DynamicModule {
    return { module: CliModule, providers: [{ provide: CLI_IO, useValue: io }, Program, ...commands] };
  }
}

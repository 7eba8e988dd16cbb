import { Command } from 'nest-commander';
import { CommandGroup } from '../openbank-command.js';
import { ProjectionsListCommand } from './projections-list.command.js';
import { ProjectionsParkedCommand } from './projections-parked.command.js';
import { ProjectionsRebuildCommand } from './projections-rebuild.command.js';
import { ProjectionsReplayCommand } from './projections-replay.command.js';
import { ProjectionsSupersededCommand } from './projections-superseded.command.js';

@Command({
  name: 'projections',
  description: 'List the projections, rebuild read models, list and replay parked events, delete superseded consumer groups',
  subCommands: [ProjectionsListCommand, ProjectionsRebuildCommand, ProjectionsParkedCommand, ProjectionsReplayCommand, ProjectionsSupersededCommand],
})
export class ProjectionsCommand extends CommandGroup {}

import { Command } from 'nest-commander';
import { CommandGroup } from '../openbank-command.js';
import { StreamsIdleCommand } from './streams-idle.command.js';
import { StreamsStatsCommand } from './streams-stats.command.js';

@Command({
  name: 'streams',
  description: 'Stream health: a stream’s size and age, streams gone quiet',
  subCommands: [StreamsStatsCommand, StreamsIdleCommand],
})
export class StreamsCommand extends CommandGroup {}

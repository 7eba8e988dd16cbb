import { Command } from 'nest-commander';
import { CommandGroup } from '../openbank-command.js';
import { ArchiveListCommand } from './archive-list.command.js';
import { ArchiveRestoreCommand } from './archive-restore.command.js';
import { ArchiveRunCommand } from './archive-run.command.js';
import { ArchiveVerifyCommand } from './archive-verify.command.js';

@Command({
  name: 'archive',
  description: 'Cold storage: archive the streams of accounts closed for ARCHIVE_AFTER_DAYS, list, verify and restore archives',
  subCommands: [ArchiveRunCommand, ArchiveListCommand, ArchiveVerifyCommand, ArchiveRestoreCommand],
})
export class ArchiveCommand extends CommandGroup {}

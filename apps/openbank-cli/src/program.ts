import { Injectable } from '@nestjs/common';
import { InjectCommander } from 'nest-commander';
import type { CommanderCommand } from './openbank-command.js';

/** Hands the program nest-commander built to the runner, which finishes setting it up. */
@Injectable()
export class Program {
  constructor(@InjectCommander() readonly root: CommanderCommand) {}
}

import { Module } from '@nestjs/common';
import { ArchivesHttpController } from './archives.http.controller.js';

/** The admin API of archiving (the archiver itself is the bank's ArchivingModule). */
@Module({ controllers: [ArchivesHttpController] })
export class ArchivesModule {}

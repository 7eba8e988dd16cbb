import { DynamicModule, Global, Module, type FactoryProvider } from '@nestjs/common';
import { ArchivedHistory } from './archived-history.js';
import { Archives } from './archives.js';
import { ArchivingRegistry } from './archiving-registry.js';
import { ARCHIVING_OPTIONS, type ArchivingOptions } from './archiving.options.js';
import { ARCHIVE_STORAGE, type ArchiveStorage } from './storage/archive-storage.port.js';

export interface ArchivingModuleOptions {
  readonly imports?: DynamicModule['imports'];
  readonly inject?: FactoryProvider['inject'];
  readonly useFactory: (...args: any[]) => Promise<{ options: ArchivingOptions; storage: ArchiveStorage }> | { options: ArchivingOptions; storage: ArchiveStorage };
}

const SETTINGS = Symbol('ARCHIVING_SETTINGS');

/**
 * Archiving old streams to cold storage: the storage (a directory, or an S3-compatible bucket),
 * the archiver (Archives) and the reader of whole histories (ArchivedHistory). A context says
 * which of its streams may be archived by registering an ArchivableStreams with the ArchivingRegistry.
 */
@Global()
@Module({})
export class ArchivingModule {
  static forRootAsync(settings: ArchivingModuleOptions): DynamicModule {
    return {
      module: ArchivingModule,
      imports: settings.imports ?? [],
      providers: [
        { provide: SETTINGS, useFactory: settings.useFactory, inject: settings.inject ?? [] },
        { provide: ARCHIVING_OPTIONS, useFactory: (resolved: { options: ArchivingOptions }) => resolved.options, inject: [SETTINGS] },
        { provide: ARCHIVE_STORAGE, useFactory: (resolved: { storage: ArchiveStorage }) => resolved.storage, inject: [SETTINGS] },
        ArchivingRegistry,
        ArchivedHistory,
        Archives,
      ],
      exports: [ARCHIVING_OPTIONS, ARCHIVE_STORAGE, ArchivingRegistry, ArchivedHistory, Archives],
    };
  }
}

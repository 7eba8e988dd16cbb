import { domainError } from '@openbank/shared-kernel';

export class ArchiveNotFound extends domainError('ARCHIVE_NOT_FOUND', 'not-found') {}
export class StreamNotArchivable extends domainError('STREAM_NOT_ARCHIVABLE', 'conflict') {}
export class ArchiveReclaimed extends domainError('ARCHIVE_RECLAIMED', 'conflict') {}
export class ArchiveUnreadable extends domainError('ARCHIVE_UNREADABLE', 'conflict') {}

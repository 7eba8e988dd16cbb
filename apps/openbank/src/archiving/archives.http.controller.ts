import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Archives } from '@openbank/archiving';
import { Access } from '@openbank/auth';
import { ApiProblems, RequestValidationFailed } from '@openbank/http-api';
import { ArchiveListRequest, DueStreamsRequest, streamNamePattern } from './archives.requests.js';
import { ArchivedStreamResponse, ArchiveListingResponse, ArchiveVerificationResponse, DueStreamResponse, RestoreResultResponse } from './archives.responses.js';

/** Archiving old streams to cold storage (`openbank archive`): what is due, archive, list, verify, restore. */
// Among the operations: archiving is for those who run the bank.
@ApiTags('operations')
@Controller('api/v1/admin/archives')
@Access.admin()
export class ArchivesHttpController {
  constructor(private readonly archives: Archives) {}

  @Get()
  @ApiOperation({
    summary: 'The archives in cold storage, by stream, with the state of their stream in the event store',
    description: 'Admins only. Up to `limit` archives in stream order (`after`: the last stream of the previous page), each with its state (in cold storage only, restored, or written but its stream never truncated).',
    operationId: 'listArchives',
  })
  @ApiOkResponse({ type: [ArchiveListingResponse] })
  @ApiProblems(400, 503)
  list(@Query() request: ArchiveListRequest): Promise<ArchiveListingResponse[]> {
    return this.archives.list(request.limit, request.after);
  }

  @Get('due')
  @ApiOperation({
    summary: 'Streams due for cold storage (accounts closed for ARCHIVE_AFTER_DAYS) and not archived yet, oldest first',
    description: 'Admins only. What `openbank archive run` would archive now.',
    operationId: 'listDueStreams',
  })
  @ApiOkResponse({ type: [DueStreamResponse] })
  @ApiProblems(400, 503)
  due(@Query() request: DueStreamsRequest): Promise<DueStreamResponse[]> {
    return this.archives.due(request.limit);
  }

  @Post(':stream')
  @HttpCode(201)
  @ApiParam({ name: 'stream', description: 'A stream name: <category>-<id>', example: 'account-4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' })
  @ApiOperation({
    summary: 'Archive one due stream: its events but the last go to cold storage, then the stream is truncated ($tb)',
    description: 'Admins only. Archiving a stream archived before answers that archive (`archived_now` false). 409 STREAM_NOT_ARCHIVABLE when it is not due.',
    operationId: 'archiveStream',
  })
  @ApiCreatedResponse({ type: ArchivedStreamResponse })
  @ApiProblems(400, 409, 503)
  archive(@Param('stream') stream: string): Promise<ArchivedStreamResponse> {
    return this.archives.archive(validStream(stream));
  }

  @Get(':stream/verification')
  @ApiParam({ name: 'stream', description: 'A stream name: <category>-<id>', example: 'account-4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' })
  @ApiOperation({
    summary: 'Prove that the archive plus the event store are the stream’s whole history, by checksums',
    description: 'Admins only. Reads the archive and what the event store still holds of the stream and checks them against each other; 404 for a stream never archived.',
    operationId: 'verifyArchive',
  })
  @ApiOkResponse({ type: ArchiveVerificationResponse, description: '`ok` is false with every problem named.' })
  @ApiProblems(400, 404, 503)
  verify(@Param('stream') stream: string): Promise<ArchiveVerificationResponse> {
    return this.archives.verify(validStream(stream));
  }

  @Post(':stream/restore')
  @HttpCode(200)
  @ApiParam({ name: 'stream', description: 'A stream name: <category>-<id>', example: 'account-4f0e5b8e-8b0a-4c1e-9d7f-2a1b3c4d5e6f' })
  @ApiOperation({
    summary: 'Bring a stream’s archived events back into the event store (lift $tb)',
    description: 'Admins only. 409 ARCHIVE_RECLAIMED when a scavenge has reclaimed them: the archive stays the history’s source.',
    operationId: 'restoreArchive',
  })
  @ApiOkResponse({ type: RestoreResultResponse })
  @ApiProblems(400, 404, 409, 503)
  restore(@Param('stream') stream: string): Promise<RestoreResultResponse> {
    return this.archives.restore(validStream(stream));
  }
}

function validStream(stream: string): string {
  if (!streamNamePattern.test(stream)) throw new RequestValidationFailed([{ field: 'stream', message: 'stream must be a stream name such as account-<id>' }]);
  return stream;
}

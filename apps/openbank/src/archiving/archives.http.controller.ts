import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Archives } from '@openbank/archiving';
import { Access } from '@openbank/auth';
import { ApiProblems, RequestValidationFailed } from '@openbank/http-api';
import { ArchiveListRequest, DueStreamsRequest, streamNamePattern } from './archives.requests.js';
import { ArchivedStreamResponse, ArchiveListingResponse, ArchiveVerificationResponse, DueStreamResponse, RestoreResultResponse } from './archives.responses.js';

/** Archiving old streams to cold storage (`openbank archive`): what is due, archive, list, verify, restore. */
@ApiTags('archives')
@Controller('api/v1/admin/archives')
@Access.admin()
export class ArchivesHttpController {
  constructor(private readonly archives: Archives) {}

  @Get()
  @ApiOperation({ summary: 'The archives in cold storage, by stream, with the state of their stream in the event store', operationId: 'listArchives' })
  @ApiOkResponse({ type: [ArchiveListingResponse] })
  @ApiProblems(400, 503)
  list(@Query() request: ArchiveListRequest): Promise<ArchiveListingResponse[]> {
    return this.archives.list(request.limit, request.after);
  }

  @Get('due')
  @ApiOperation({ summary: 'Streams due for cold storage (accounts closed for ARCHIVE_AFTER_DAYS) and not archived yet, oldest first', operationId: 'listDueStreams' })
  @ApiOkResponse({ type: [DueStreamResponse] })
  @ApiProblems(400, 503)
  due(@Query() request: DueStreamsRequest): Promise<DueStreamResponse[]> {
    return this.archives.due(request.limit);
  }

  @Post(':stream')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Archive one due stream: its events but the last go to cold storage, then the stream is truncated ($tb)',
    description: 'Archiving a stream archived before answers that archive (`archived_now` false). 409 STREAM_NOT_ARCHIVABLE when it is not due.',
    operationId: 'archiveStream',
  })
  @ApiCreatedResponse({ type: ArchivedStreamResponse })
  @ApiProblems(400, 409, 503)
  archive(@Param('stream') stream: string): Promise<ArchivedStreamResponse> {
    return this.archives.archive(validStream(stream));
  }

  @Get(':stream/verification')
  @ApiOperation({ summary: 'Prove that the archive plus the event store are the stream’s whole history, by checksums', operationId: 'verifyArchive' })
  @ApiOkResponse({ type: ArchiveVerificationResponse, description: '`ok` is false with every problem named.' })
  @ApiProblems(400, 404, 503)
  verify(@Param('stream') stream: string): Promise<ArchiveVerificationResponse> {
    return this.archives.verify(validStream(stream));
  }

  @Post(':stream/restore')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bring a stream’s archived events back into the event store (lift $tb)',
    description: '409 ARCHIVE_RECLAIMED when a scavenge has reclaimed them: the archive stays the history’s source.',
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

import { Controller, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access } from '@openbank/auth';
import { map, type Observable } from 'rxjs';
import { structuredJson } from '../mapping/cloudevent.mapper.js';
import { LiveCloudEventFeed, type LiveFeedMessage } from './live-cloudevent.feed.js';

@ApiTags('events')
@Controller('api/v1/events')
export class EventStreamHttpController {
  constructor(private readonly feed: LiveCloudEventFeed) {}

  @Sse('stream')
  // Every customer's events, personal data included: bank staff only.
  @Access.staff()
  @ApiOperation({
    summary: 'Watch every domain event as a CloudEvent, live (server-sent events)',
    description:
      'Each message is named after the CloudEvent type, carries the CloudEvent id as its id, and has the structured-mode ' +
      'CloudEvent JSON as its data. A `: live` comment says the feed is in place: events appended from then on follow. ' +
      'Events appended while no one watches are not replayed; configure a sink (CLOUDEVENTS_SINKS) to receive every event. ' +
      "Staff only; a browser's native EventSource cannot send the bearer token, so use a fetch-based client.",
    operationId: 'streamEvents',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An endless text/event-stream of CloudEvents', schema: { type: 'string' } })
  stream(): Observable<MessageEvent> {
    return this.feed.watch().pipe(map(toServerSentEvent));
  }
}

function toServerSentEvent(message: LiveFeedMessage): MessageEvent {
  if ('live' in message) return { comment: 'live' };
  return { type: message.event.type, id: message.event.id, data: structuredJson(message.event) };
}

export * from './cloudevents.module.js';
export * from './cloudevents.options.js';
export { CloudEventRefused } from './delivery/sink-delivery.js';
export { sinkSubscriptionName } from './delivery/sink-subscriptions.js';
export { LiveCloudEventFeed, type LiveFeedMessage } from './live-feed/live-cloudevent.feed.js';
export { CloudEventMapper, cloudEventSource, structuredJson } from './mapping/cloudevent.mapper.js';
export type { CloudEventTypes } from './mapping/cloudevent-types.js';
export type { PublicMoney } from './mapping/public-data.js';

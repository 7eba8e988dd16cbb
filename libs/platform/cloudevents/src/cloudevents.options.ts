/** How each CloudEvent is put on the wire: attributes as `ce-*` headers, or the whole event as a JSON body. */
export type CloudEventsMode = 'binary' | 'structured';

export const cloudEventsModes: readonly CloudEventsMode[] = ['binary', 'structured'];

export interface CloudEventsOptions {
  /** HTTP(S) endpoints every CloudEvent is POSTed to; each has its own checkpointed subscription. */
  readonly sinks: readonly string[];
  readonly mode: CloudEventsMode;
  /** How long one delivery attempt may take before it counts as failed and is retried. */
  readonly requestTimeoutMs: number;
  /** Wait after the first failed attempt at an event; it doubles after each failure… */
  readonly initialBackoffMs: number;
  /** …up to this cap, and stays there until the sink takes the event. */
  readonly maxBackoffMs: number;
}

export const CLOUDEVENTS_OPTIONS = Symbol('CLOUDEVENTS_OPTIONS');

export const defaultCloudEventsOptions: CloudEventsOptions = {
  sinks: [],
  mode: 'binary',
  requestTimeoutMs: 5_000,
  initialBackoffMs: 100,
  maxBackoffMs: 30_000,
};

/** Fills in the defaults and refuses what cannot work, so a bad setting stops the start, not the delivery. */
export function resolveCloudEventsOptions(options: Partial<CloudEventsOptions>): CloudEventsOptions {
  const resolved = { ...defaultCloudEventsOptions, ...options };
  for (const sink of resolved.sinks) {
    if (!URL.canParse(sink) || !['http:', 'https:'].includes(new URL(sink).protocol)) {
      throw new Error(`CloudEvents sink "${sink}" is not an http(s) URL`);
    }
  }
  if (!cloudEventsModes.includes(resolved.mode)) throw new Error(`CloudEvents mode must be binary or structured, not "${resolved.mode}"`);
  if (!(resolved.initialBackoffMs > 0 && resolved.maxBackoffMs >= resolved.initialBackoffMs)) {
    throw new Error('CloudEvents backoff: initialBackoffMs must be positive and at most maxBackoffMs');
  }
  return resolved;
}

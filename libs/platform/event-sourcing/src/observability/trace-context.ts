/** W3C trace context (https://www.w3.org/TR/trace-context/) as stored in an event's metadata. */
export interface TraceContextFields {
  readonly traceparent: string;
  readonly tracestate?: string;
}

/**
 * The trace context of the work in progress, written into the metadata of the events it records
 * so that whoever handles them later can continue the same trace. Provided under
 * TRACE_CONTEXT_SOURCE only when tracing is on; without one, events carry no trace context.
 */
export interface TraceContextSource {
  current(): TraceContextFields | undefined;
}

export const TRACE_CONTEXT_SOURCE = Symbol('TRACE_CONTEXT_SOURCE');

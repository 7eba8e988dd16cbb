/**
 * The projection runtime that runs inside each user projection's `node:vm` context, as source
 * text: everything the query can touch (the definition functions, `emit`, `linkTo`, the states)
 * lives in that context, so no object of the server's own realm is reachable from user code.
 * The server talks to it only through strings: it calls the `__…` functions with JSON and gets
 * JSON back.
 *
 * It follows the v1 (Jint) engine of KurrentDB: `fromAll`/`fromStream(s)`/`fromCategory`,
 * `partitionBy`/`foreachStream`, `when` with `$init`, `$any` and per-type handlers (a handler's
 * return value replaces the state, `undefined` keeps the mutated one), `transformBy`/`filterBy`
 * for results, and `emit`/`linkTo`/`copyTo`/`linkStreamTo` when emitting is enabled.
 */
export const PROJECTION_RUNTIME_SOURCE = String.raw`
(function (global) {
  'use strict';
  // Taken before the query runs: the query may replace the globals, never these.
  var stringify = JSON.stringify, parseJson = JSON.parse, StringOf = String;
  var definition = {
    source: null, handlers: Object.create(null), any: null, init: null, created: [], deleted: null,
    byStream: false, partitionFunction: null, transforms: [], outputState: false,
    includeLinks: false, resultStreamName: null, usesEmit: false
  };
  var states = new Map();
  var executing = false;
  var emitted = [];
  var logs = [];

  function fail(message) { throw new Error(message); }
  function requireDefinition(name) { if (executing) fail("'" + name + "' can only be called while the projection is defined"); }
  function requireExecution(name) { if (!executing) fail("'" + name + "' can only be called from an event handler"); }
  function stringList(args) {
    var list = args.length === 1 && Array.isArray(args[0]) ? args[0] : Array.prototype.slice.call(args);
    return list.map(function (item) { if (typeof item !== 'string') fail('stream and category names must be strings'); return item; });
  }

  function output() {
    return {
      transformBy: function (fn) { definition.transforms.push({ kind: 'transform', fn: fn }); return output(); },
      filterBy: function (fn) { definition.transforms.push({ kind: 'filter', fn: fn }); return output(); },
      outputState: function () { definition.outputState = true; return output(); },
      outputTo: function (stream) { definition.resultStreamName = String(stream); return {}; }
    };
  }
  function when(handlers) {
    requireDefinition('when');
    Object.keys(handlers).forEach(function (key) {
      var fn = handlers[key];
      if (typeof fn !== 'function') fail('the handler of ' + key + ' is not a function');
      if (key === '$init') definition.init = fn;
      else if (key === '$initShared') fail('$initShared (bi-state projections) is not supported');
      else if (key === '$any') definition.any = fn;
      else if (key === '$created') definition.created.push(fn);
      else if (key === '$deleted') definition.deleted = fn;
      else definition.handlers[key] = fn;
    });
    return output();
  }
  function selector() {
    return {
      when: when,
      whenAny: function (fn) { return when({ $any: fn }); },
      partitionBy: function (fn) { definition.partitionFunction = fn; return { when: when }; },
      foreachStream: function () { definition.byStream = true; return { when: when }; },
      outputState: function () { definition.outputState = true; return output(); }
    };
  }
  function from(source) { requireDefinition('from'); definition.source = source; return selector(); }

  global.options = function (options) {
    Object.keys(options || {}).forEach(function (key) {
      var value = options[key];
      if (key === '$includeLinks') definition.includeLinks = value === true;
      else if (key === 'resultStreamName') definition.resultStreamName = String(value);
      else if (key === 'reorderEvents' || key === 'processingLag') return;
      else if (key === 'biState') { if (value) fail('bi-state projections are not supported'); }
      else fail('Unrecognized option: ' + key);
    });
  };
  global.fromAll = function () { return from({ kind: 'all' }); };
  global.fromStream = function (stream) { return from({ kind: 'streams', names: stringList([stream]) }); };
  global.fromStreams = function () { return from({ kind: 'streams', names: stringList(arguments) }); };
  global.fromCategory = function () { return from({ kind: 'categories', names: stringList(arguments) }); };
  global.fromCategories = global.fromCategory;

  function metadataText(metadata) { return metadata === undefined || metadata === null ? null : stringify(metadata); }
  global.emit = function (streamId, eventType, eventBody, metadata) {
    requireExecution('emit');
    if (typeof streamId !== 'string' || typeof eventType !== 'string') fail('emit needs a stream name and an event type');
    if (eventBody === null || typeof eventBody !== 'object') fail('emit needs an event body object');
    emitted.push({ kind: 'emit', stream: streamId, type: eventType, isJson: true, data: stringify(eventBody), metadata: metadataText(metadata) });
  };
  global.linkTo = function (streamId, event, metadata) {
    requireExecution('linkTo');
    if (!event || typeof event.sequenceNumber !== 'number' || typeof event.streamId !== 'string') fail('linkTo needs an event');
    emitted.push({ kind: 'emit', stream: String(streamId), type: '$>', isJson: false, data: event.sequenceNumber + '@' + event.streamId, metadata: metadataText(metadata) });
  };
  global.copyTo = function (streamId, event, metadata) {
    requireExecution('copyTo');
    emitted.push({ kind: 'emit', stream: String(streamId), type: String(event.eventType), isJson: !!event.isJson, data: event.bodyRaw || '', metadata: metadataText(metadata) });
  };
  global.linkStreamTo = function (streamId, linkedStreamId, metadata) {
    requireExecution('linkStreamTo');
    emitted.push({ kind: 'emit', stream: String(streamId), type: '$@', isJson: false, data: String(linkedStreamId), metadata: metadataText(metadata) });
  };
  global.log = function () { logs.push(Array.prototype.map.call(arguments, String).join(' ')); };

  function parse(text) {
    if (text === null || text === undefined || text === '') return undefined;
    try { return parseJson(text); } catch (error) { return undefined; }
  }
  function envelope(item) {
    var event = {
      isJson: item.isJson, bodyRaw: item.bodyRaw, metadataRaw: item.metadataRaw, linkMetadataRaw: item.linkMetadataRaw,
      streamId: item.streamId, sequenceNumber: item.sequenceNumber, eventType: item.eventType, eventId: item.eventId,
      partition: item.partition, category: item.category
    };
    if (item.isJson) { event.body = parse(item.bodyRaw); event.data = event.body; }
    event.metadata = parse(item.metadataRaw);
    event.linkMetadata = parse(item.linkMetadataRaw);
    return event;
  }
  function initialState() {
    var state = definition.init ? definition.init() : undefined;
    return state === undefined ? {} : state;
  }
  function serialize(value) { return value === undefined || value === null ? null : stringify(value); }
  function transform(state) {
    for (var i = 0; i < definition.transforms.length; i++) {
      var step = definition.transforms[i];
      if (step.kind === 'transform') state = step.fn(state);
      else if (step.fn(state) !== true) return null;
      if (state === null || state === undefined) return null;
    }
    return state;
  }

  function safeMessage(error) {
    try { return StringOf(error !== null && typeof error === 'object' && 'message' in error ? error.message : error); } catch (e) { return 'the projection failed'; }
  }
  // Every entry point answers a JSON string, {"ok": value} or {"error": message}, so nothing of this realm leaves it.
  function guard(fn) {
    try { return stringify({ ok: fn() }); } catch (error) { return stringify({ error: safeMessage(error) }); }
  }
  global.__define = function (query) { return guard(function () { query(); return true; }); };
  global.__call = guard;
  global.__describe = function () {
    if (!definition.source) fail('the query selects no events: call fromAll, fromStream(s) or fromCategory');
    return stringify({
      source: definition.source, handledTypes: Object.keys(definition.handlers), any: !!definition.any,
      byStream: definition.byStream, partitioned: definition.byStream || !!definition.partitionFunction,
      includeLinks: definition.includeLinks, resultStreamName: definition.resultStreamName
    });
  };
  global.__process = function (batchJson) {
    executing = true;
    var batch = parseJson(batchJson);
    var results = [];
    for (var i = 0; i < batch.length; i++) {
      var event = envelope(batch[i]);
      var partition = batch[i].partition;
      if (definition.partitionFunction) {
        var chosen = definition.partitionFunction(event);
        if (chosen === null || chosen === undefined || (typeof chosen !== 'string' && typeof chosen !== 'number')) { results.push(null); continue; }
        partition = String(chosen);
        event.partition = partition;
      }
      emitted = [];
      var isNew = !states.has(partition);
      var state = isNew ? initialState() : states.get(partition);
      if (isNew) for (var c = 0; c < definition.created.length; c++) definition.created[c](state, event);
      var handler = definition.handlers[event.eventType] || definition.any;
      var next = handler ? handler(state, event) : state;
      states.set(partition, next === undefined ? state : next);
      results.push({ partition: partition, emitted: emitted });
    }
    emitted = [];
    return stringify({ results: results, logs: logs.splice(0) });
  };
  // A projection that has seen no event yet has its initial state, unless it is partitioned.
  function stateOf(partition) {
    if (states.has(partition)) return states.get(partition);
    var partitioned = definition.byStream || !!definition.partitionFunction;
    return partition === '' && !partitioned ? initialState() : undefined;
  }
  global.__state = function (partition) { var state = stateOf(partition); return state === undefined ? null : serialize(state); };
  global.__result = function (partition) { var state = stateOf(partition); return state === undefined ? null : serialize(transform(state)); };
  global.__snapshot = function () {
    var entries = [];
    states.forEach(function (value, key) { entries.push([key, serialize(value)]); });
    return stringify(entries);
  };
  global.__restore = function (snapshotJson) {
    states.clear();
    parseJson(snapshotJson).forEach(function (entry) { states.set(entry[0], entry[1] === null ? undefined : parseJson(entry[1])); });
  };
  global.__reset = function () { states.clear(); };
})(this);
`;

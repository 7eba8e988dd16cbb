/**
 * Fields any command may carry that change nothing for this server (sessions, read/write
 * concerns, API versioning, tracing). They are accepted and ignored, as the spec allows.
 */
export const GENERIC_FIELDS = new Set([
  '$db', 'lsid', 'txnNumber', 'autocommit', 'startTransaction', 'stmtId', 'stmtIds', '$clusterTime',
  '$readPreference', 'readConcern', 'writeConcern', 'maxTimeMS', 'comment', 'apiVersion', 'apiStrict',
  'apiDeprecationErrors', 'bypassDocumentValidation', 'backpressure', 'rawData', '$audit', '$client',
]);

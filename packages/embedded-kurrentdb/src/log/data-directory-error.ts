/** Raised when a data directory cannot be used as it is; the server must not start over it. */
export class DataDirectoryError extends Error {
  override readonly name = 'DataDirectoryError';
}

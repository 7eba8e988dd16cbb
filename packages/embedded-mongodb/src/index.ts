export { startEmbeddedMongo, type EmbeddedMongo, type EmbeddedMongoOptions } from './server.js';
export { CorruptDataError } from './storage/record-file.js';

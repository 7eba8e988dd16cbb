import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { features, type Features, type Shared } from '../grpc/protocol.js';

/** A dotted, numeric, semver version: the Rust bridge and the Node client both parse it. */
export const SERVER_VERSION = '25.1.0';

export interface SupportedMethod {
  /** Proto full name of the service, lowercased as the real server reports it. */
  service: string;
  method: string;
  features?: string[];
}

/**
 * ServerFeatures.GetSupportedMethods: lists exactly the methods this server implements.
 * The Node client picks BatchAppend, persistent subscription calls and multiStreamAppend from
 * this list, and the bridge calls it once before its first read.
 */
export function getSupportedMethods(methods: readonly SupportedMethod[]) {
  return (_call: ServerUnaryCall<Shared.Empty, Features.SupportedMethods>, callback: sendUnaryData<Features.SupportedMethods>) => {
    const response = new features.SupportedMethods().setEventStoreServerVersion(SERVER_VERSION);
    for (const entry of methods) {
      response.addMethods(
        new features.SupportedMethod()
          .setServiceName(entry.service)
          .setMethodName(entry.method)
          .setFeaturesList(entry.features ?? []),
      );
    }
    callback(null, response);
  };
}

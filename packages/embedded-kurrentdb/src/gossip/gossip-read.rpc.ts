import { randomUUID } from 'node:crypto';
import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { gossip, type Gossip, type Shared } from '../grpc/protocol.js';
import { uuidBytesToMessage, uuidTextToBytes } from '../grpc/uuid.js';

/**
 * Gossip.Read, for `kurrentdb+discover://` and multi-host connection strings: a cluster of one
 * alive leader at this server's own address.
 */
export function gossipRead(address: () => { host: string; port: number }) {
  const instanceId = uuidBytesToMessage(uuidTextToBytes(randomUUID()), false);
  return (_call: ServerUnaryCall<Shared.Empty, Gossip.ClusterInfo>, callback: sendUnaryData<Gossip.ClusterInfo>) => {
    const { host, port } = address();
    const member = new gossip.MemberInfo()
      .setInstanceId(instanceId)
      .setTimeStamp(String(Date.now() * 10000))
      .setState(gossip.MemberInfo.VNodeState.LEADER)
      .setIsAlive(true)
      .setHttpEndPoint(new gossip.EndPoint().setAddress(host).setPort(port));
    callback(null, new gossip.ClusterInfo().setMembersList([member]));
  };
}

import { randomUUID } from 'node:crypto';
import { uuidTextToBytes } from '../grpc/uuid.js';
import { ANY, NO_STREAM, type ProposedEvent, type StreamAppend } from '../store/append-request.js';
import { METADATA_EVENT_TYPE, type EventStore } from '../store/event-store.js';
import { metastreamOf } from '../store/stream-state.js';
import type { UserAccount } from '../auth/users.js';

const USERS_STREAM = '$users';
const USER_CREATED = '$UserCreated';
const USER_LISTED = '$User';

function event(type: string, isJson: boolean, data: string): ProposedEvent {
  return { id: uuidTextToBytes(randomUUID()), type, isJson, metadata: new Uint8Array(0), data: Buffer.from(data) };
}

/**
 * What a real node writes into a new database before any client does: its default user
 * accounts, each in `$user-<name>` (with an ACL that keeps the account to admins) and listed in
 * `$users`. So `$all` of a fresh node is not empty and has positions to start from, as clients
 * and their tests expect. Password hashes are not stored: accounts are checked by this server's
 * own user directory.
 */
export function writeFirstStartEvents(store: EventStore, users: readonly UserAccount[]): void {
  if (store.records.count > 0) return;
  const appends: StreamAppend[] = [];
  for (const user of users) {
    const stream = `$user-${user.name}`;
    const acl = { $acl: { $w: '$admins', $d: '$admins', $mw: '$admins' } };
    appends.push({ stream: metastreamOf(stream), expected: ANY, events: [event(METADATA_EVENT_TYPE, true, JSON.stringify(acl))] });
    const data = { loginName: user.name, fullName: user.fullName, groups: user.groups, disabled: false };
    appends.push({ stream, expected: NO_STREAM, events: [event(USER_CREATED, true, JSON.stringify(data))] });
  }
  appends.push({ stream: USERS_STREAM, expected: ANY, events: users.map((user) => event(USER_LISTED, false, user.name)) });
  store.append(appends);
}

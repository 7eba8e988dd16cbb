import { jest } from '@jest/globals';
import { startTestMongo, type TestStore } from '@openbank/testing';
import { MongoClient } from 'mongodb';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The MongoDB driver, as patches/mongodb+*.patch amends it. Unpatched, an operation whose
 * connection drops between encoding its command and writing it (the store restarting, a network
 * cut) writes into a destroyed socket, which never drains: the operation waits forever, and with
 * it whatever awaits it, down to a projector's shutdown.
 */
describe('the MongoDB driver', () => {
  let mongodb: TestStore;
  let client: MongoClient;
  const sockets: net.Socket[] = [];

  beforeAll(async () => {
    mongodb = await startTestMongo();
    const createConnection = net.createConnection.bind(net) as (options: net.NetConnectOpts) => net.Socket;
    jest.spyOn(net, 'createConnection').mockImplementation(((options: net.NetConnectOpts) => {
      const socket = createConnection(options);
      sockets.push(socket);
      return socket;
    }) as typeof net.createConnection);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await client?.close(true);
    await mongodb.stop();
  });

  /** Inserts one document, doing `toSockets` to every socket the moment the insert starts: after the driver checked its connection, before it writes. */
  async function insertWhile(toSockets: (socket: net.Socket) => void): Promise<string> {
    client = new MongoClient(mongodb.address, { monitorCommands: true, maxPoolSize: 1, retryWrites: false, serverSelectionTimeoutMS: 1000 });
    await client.db('driver-patch').command({ ping: 1 });
    client.on('commandStarted', (event) => {
      if (event.commandName === 'insert') sockets.forEach(toSockets);
    });
    const outcome = await Promise.race([
      client
        .db('driver-patch')
        .collection('documents')
        .insertOne({ written: true })
        .then(
          () => 'written',
          (error: Error) => `failed: ${error.name}`,
        ),
      sleep(5000).then(() => 'still waiting after 5 s'),
    ]);
    await client.close(true);
    sockets.length = 0;
    return outcome;
  }

  it('fails an operation whose connection drops while its command is on the way, instead of waiting forever', async () => {
    expect(await insertWhile((socket) => socket.destroy())).toBe('failed: MongoNetworkError');
  });

  it('reports a socket error met while the command is on the way as a network error, which callers know to retry', async () => {
    // Ended on this side: the write fails with a plain Node error ("write after end").
    expect(await insertWhile((socket) => socket.end())).toBe('failed: MongoNetworkError');
  });
});

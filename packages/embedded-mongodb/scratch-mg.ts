import { createRequire } from 'node:module';
import { startEmbeddedMongo } from '/work/main/packages/embedded-mongodb/src/index.js';
const require = createRequire('/work/peers/scratch/mongoose-9.9.3/index.js');
const mongoose = require('/work/peers/scratch/mongoose-9.9.3/index.js');
const s = await startEmbeddedMongo();
const conn = await mongoose.createConnection(s.uri + '/t', { monitorCommands: true }).asPromise();
conn.client.on('commandStarted', (e: any) => { if (!['hello','endSessions'].includes(e.commandName)) console.log('>>', JSON.stringify(e.command)); });
conn.client.on('commandFailed', (e: any) => console.log('!!', e.failure?.message));
const snippet = (await import(process.argv[2])).default;
try { await snippet(mongoose, conn); } catch (e) { console.log('THROWN', (e as Error).message); }
await conn.close(); await s.stop();

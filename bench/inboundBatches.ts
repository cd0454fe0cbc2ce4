import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import { recordInbounds } from '../src/channels/twilio/InboundRecorder.ts';
import { inboundMessageFormSchema, type InboundMessage } from '../src/channels/twilio/webhookSchemas.ts';
import { Database } from '../src/db/Database.ts';
import { migrate } from '../src/db/migrate.ts';

// `npx tsx bench/inboundBatches.ts`: CPU time to store one inbound message on the embedded
// database (a data folder on disk, as `npm start` has it), by how many share the statement. The
// source of InboundRecorder's batching interval on the embedded database.

const MESSAGES = 2000;
const dataDir = `${os.tmpdir()}/bienvenue-inbound-${randomBytes(4).toString('hex')}`;
const db = await Database.open({ dataDir });
let phone = 0;
const message = (): InboundMessage =>
  inboundMessageFormSchema.parse({
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    AccountSid: 'AC' + 'a1'.repeat(16),
    From: `+1438${String(phone++).padStart(7, '0')}`,
    To: '+15145550100',
    Body: 'Bonjour, avez-vous des ateliers prénatals dans Villeray?',
  });
try {
  await migrate(db);
  // The first size twice: the first round warms the JIT and PostgreSQL's caches.
  for (const size of [1, 1, 2, 5, 10, 20, 50, 200]) {
    const batches = Array.from({ length: MESSAGES / size }, () => Array.from({ length: size }, message));
    const before = process.cpuUsage();
    for (const batch of batches) await recordInbounds(db.sql, batch);
    const used = process.cpuUsage(before);
    console.log(`${String(size).padStart(3)} per statement: ${((used.user + used.system) / 1000 / MESSAGES).toFixed(3)} ms of CPU per message`);
  }
} finally {
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
}

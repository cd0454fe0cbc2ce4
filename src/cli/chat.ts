import readline from 'node:readline/promises';
import { loadConfig, loadDotEnv } from '../config.ts';
import { createLogger } from '../log.ts';
import { Service } from '../Service.ts';
import { AdminTokenFile } from '../auth/AdminTokenFile.ts';
import { DataFolderInUseError } from '../db/Database.ts';
import { readCommandLine } from './commandLine.ts';

// `npm run chat`: text the bot from a terminal, as the simulator page does. Uses the app that
// is already running (simulator mode) or starts one in this process.
const USAGE = 'usage: npm run chat [-- --phone +15145550123] [--whatsapp] [--url http://127.0.0.1:3000]   (Ctrl+D to quit)';
const { values } = readCommandLine(USAGE, {
  options: {
    phone: { type: 'string', default: '+15145550123' },
    whatsapp: { type: 'boolean', default: false },
    url: { type: 'string' },
  },
});

loadDotEnv();
const config = loadConfig();
// The app running on this data folder (embedded database: it wrote its loopback address there), else the configured port.
const running = values.url ? undefined : await new AdminTokenFile(config.dataDir).read().catch(() => undefined);
let baseUrl = values.url ?? running?.url ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
let service: Service | undefined;

if (!(await simulatorAnswers(baseUrl))) {
  if (config.twilio) {
    console.error('Twilio is configured, so there is no simulator: unset TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to chat locally.');
    process.exit(1);
  }
  console.log(`No app answers at ${baseUrl}: starting one in this process (${config.databaseUrl ? 'PostgreSQL' : `embedded database in ${config.dataDir}`}).`);
  try {
    service = await Service.create({ ...config, port: 0, host: '127.0.0.1' }, createLogger('warn'));
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    console.error(`${error.message}\nIf the app runs on another address, give it: npm run chat -- --url http://127.0.0.1:<PORT>`);
    process.exit(1);
  }
  const address = await service.start();
  baseUrl = `http://127.0.0.1:${address.port}`;
}

// The terminal's own words are the developer's (English, like the rest of the CLI); the bot answers in the family's language.
const address = (values.whatsapp ? 'whatsapp:' : '') + values.phone;
console.log(`Chatting with Bienvenue as ${address} (${values.whatsapp ? 'WhatsApp' : 'SMS'}). Ctrl+D to quit.\n`);

const events = await fetch(`${baseUrl}/simulator/api/events?address=${encodeURIComponent(address)}`);
// The stream ends when the app stops (Ctrl+D): nothing more to print then.
printReplies(events).catch(() => undefined);

const terminal = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
terminal.prompt();
for await (const line of terminal) {
  if (line.trim()) {
    const response = await fetch(`${baseUrl}/simulator/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone: values.phone, channel: values.whatsapp ? 'whatsapp' : 'sms', body: line }),
    });
    if (!response.ok) console.log(`(not sent: ${((await response.json()) as { error?: string }).error ?? response.status})`);
  }
  terminal.prompt();
}
// Input ended (Ctrl+D or a piped file): let the last answers arrive before leaving.
if (service) {
  await service.processor?.runner.idle();
  await service.stop({ flushMs: 3000 });
  await new Promise((resolve) => setTimeout(resolve, 200));
} else {
  await new Promise((resolve) => setTimeout(resolve, 1500));
}
process.exit(0);

async function simulatorAnswers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/simulator`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

async function printReplies(response: Response): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event.split('\n').find((line) => line.startsWith('data: '));
      if (!data) continue;
      const reply = JSON.parse(data.slice(6)) as { body: string };
      process.stdout.write(`\r\x1b[Kbot> ${reply.body.replace(/\n/g, '\n     ')}\n`);
      terminal.prompt(true);
    }
  }
}

import readline from 'node:readline';
import { analyze, LANGUAGES } from '../nlu/index.ts';
import type { Language, NluResult } from '../nlu/index.ts';
import { exitWithUsage, readCommandLine } from './commandLine.ts';

// `npm run nlu -- "message"` prints one JSON object; without a message, reads one message per
// stdin line and prints one JSON line per message, in order, as they arrive.
const USAGE = `usage: npm run nlu -- ["message"] [--lang ${LANGUAGES.join('|')}] [--expect-date]   (without a message: one per line on stdin)`;
const { values, positionals } = readCommandLine(USAGE, {
  allowPositionals: true,
  options: {
    lang: { type: 'string' },
    'expect-date': { type: 'boolean', default: false },
  },
});

if (values.lang !== undefined && !LANGUAGES.includes(values.lang as Language)) exitWithUsage(USAGE, `--lang must be one of ${LANGUAGES.join(', ')}`);
const options = { currentLanguage: values.lang as Language | undefined, expectDate: values['expect-date'] };

if (positionals.length > 0) {
  console.log(JSON.stringify(view(analyze(positionals.join(' '), options))));
} else {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) process.stdout.write(`${JSON.stringify(view(analyze(line, options)))}\n`);
}

function view(result: NluResult): Pick<NluResult, 'language' | 'intent' | 'confidence' | 'entities'> {
  return { language: result.language, intent: result.intent, confidence: result.confidence, entities: result.entities };
}

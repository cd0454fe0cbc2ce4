import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { analyze, LANGUAGES } from '../nlu/index.ts';
import type { Language, NluResult } from '../nlu/index.ts';

// `npm run nlu -- "message"` prints one JSON object; without a message, reads one message per
// stdin line and prints one JSON line per message, in order, as they arrive.
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    lang: { type: 'string' },
    'expect-date': { type: 'boolean', default: false },
  },
});

if (values.lang !== undefined && !LANGUAGES.includes(values.lang as Language)) {
  console.error(`--lang must be one of ${LANGUAGES.join(', ')}`);
  process.exit(2);
}
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

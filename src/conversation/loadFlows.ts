import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { flowSchema, type Flow } from './flowSchema.ts';

export const FLOWS_DIR = fileURLToPath(new URL('../../flows', import.meta.url));

/** A flow file that cannot be read, with where and why. */
export class FlowFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`flows: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    this.name = 'FlowFileError';
  }
}

/** Reads and validates every `flows/*.yaml`; throws a FlowFileError listing every problem found. */
export function loadFlows(dir: string = FLOWS_DIR): Flow[] {
  const flows: Flow[] = [];
  const problems: string[] = [];
  const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort();
  for (const file of files) {
    const document = parseDocument(readFileSync(path.join(dir, file), 'utf8'), { prettyErrors: true });
    if (document.errors.length > 0) {
      for (const error of document.errors) problems.push(`${file}: ${error.message.split('\n')[0]}`);
      continue;
    }
    const parsed = flowSchema.safeParse(document.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      continue;
    }
    if (`${parsed.data.id}.yaml` !== file && `${parsed.data.id}.yml` !== file) problems.push(`${file}: id "${parsed.data.id}" must match the file name`);
    flows.push(parsed.data);
  }
  if (files.length === 0) problems.push(`${dir}: no flow files`);
  if (problems.length > 0) throw new FlowFileError(problems);
  return flows;
}

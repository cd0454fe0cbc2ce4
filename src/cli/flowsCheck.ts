/**
 * `npm run flows:check [-- <flows dir>]`: validates every flows/*.yaml and reports unknown i18n
 * keys, keys missing in a language, dangling jumps, unhandled answers and unreachable threads.
 * Exits 1 when anything is wrong.
 */
import { checkFlows } from '../conversation/checkFlows.ts';
import { FlowFileError, FLOWS_DIR, loadFlows } from '../conversation/loadFlows.ts';
import { localeHasKey } from '../i18n.ts';
import { exitWithUsage, readCommandLine } from './commandLine.ts';

const USAGE = 'usage: npm run flows:check [-- <flows folder>]';
const { positionals } = readCommandLine(USAGE, { allowPositionals: true });
if (positionals.length > 1) exitWithUsage(USAGE, 'one folder at most');
const dir = positionals[0] ?? FLOWS_DIR;
try {
  const flows = loadFlows(dir);
  const problems = checkFlows(flows, localeHasKey);
  for (const { flow, where, problem } of problems) console.error(`flows/${flow}.yaml ${where}: ${problem}`);
  const steps = flows.reduce((sum, flow) => sum + Object.values(flow.threads).reduce((n, thread) => n + thread.length, 0), 0);
  if (problems.length > 0) {
    console.error(`flows:check: ${problems.length} problem(s) in ${flows.length} flows`);
    process.exitCode = 1;
  } else {
    console.log(`flows:check: ${flows.length} flows, ${steps} steps, all keys in fr, en, es, ht: OK`);
  }
} catch (error) {
  if (error instanceof FlowFileError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
}

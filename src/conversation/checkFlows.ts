import { LANGUAGES } from '../i18n.ts';
import { ACTION_OUTCOMES } from './actionOutcomes.ts';
import { EXPECTATIONS } from './expectations.ts';
import type { Flow, Step } from './flowSchema.ts';
import { ENTRY_FLOWS } from './flowIds.ts';

export { ENTRY_FLOWS };

export interface FlowProblem {
  flow: string;
  where: string;
  problem: string;
}

/**
 * What `npm run flows:check` reports: i18n keys unknown or missing in a language, jumps to
 * threads or flows that do not exist, answers or outcomes not handled, unreachable threads,
 * steps and flows. `keyExists(language, key)` says whether a key has a text in that language.
 */
export function checkFlows(flows: readonly Flow[], keyExists: (language: string, key: string) => boolean): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const ids = new Set(flows.map((flow) => flow.id));
  const startedByFlows = new Set<string>();

  for (const id of ENTRY_FLOWS) if (!ids.has(id)) problems.push({ flow: id, where: '(file)', problem: `the bot starts flow "${id}" but flows/${id}.yaml does not exist` });

  for (const flow of flows) {
    const report = (where: string, problem: string) => problems.push({ flow: flow.id, where, problem });
    const threads = new Set(Object.keys(flow.threads));
    const reached = new Set<string>(['default']);
    const edges = new Map<string, Set<string>>();

    for (const [thread, steps] of Object.entries(flow.threads)) {
      const next = new Set<string>();
      edges.set(thread, next);
      steps.forEach((step, index) => {
        const where = `threads.${thread}[${index}]`;
        if (index > 0 && isTerminal(steps[index - 1]!)) report(where, 'is never reached: the step before it always leaves the thread');
        for (const key of keysOf(step)) {
          const missing = LANGUAGES.filter((language) => !keyExists(language, key));
          if (missing.length === LANGUAGES.length) report(where, `unknown i18n key "${key}"`);
          else if (missing.length > 0) report(where, `i18n key "${key}" is missing in ${missing.join(', ')}`);
        }
        const target = (value: string, label: string) => {
          if (value === 'end') return;
          if (value.startsWith('flow:')) {
            const id = value.slice('flow:'.length);
            startedByFlows.add(id);
            if (!ids.has(id)) report(where, `${label} goes to flow "${id}", which does not exist`);
          } else if (!threads.has(value)) report(where, `${label} goes to thread "${value}", which does not exist`);
          else next.add(value);
        };
        if ('goto' in step) target(step.goto, 'goto');
        if ('start' in step) target(`flow:${step.start}`, 'start');
        if ('ask' in step) {
          const expected: readonly string[] = step.expect === 'choice' ? (step.options ?? []) : EXPECTATIONS[step.expect].outcomes;
          if (step.expect === 'choice' && !step.options) report(where, 'expect: choice needs options');
          if (step.expect !== 'choice' && step.options) report(where, `options are only for expect: choice`);
          for (const outcome of expected) if (!(outcome in step.on)) report(where, `answer "${outcome}" is not handled in on:`);
          // `thanks`: where a thank-you or a closing leads, when not to a short goodbye (compileFlow's default).
          // `changed`: where the family telling another age or place leads, when not to the question again.
          const extra = step.expect === 'choice' ? ['person', 'thanks'] : ['thanks', 'changed'];
          for (const [outcome, value] of Object.entries(step.on)) {
            if (!expected.includes(outcome) && !extra.includes(outcome)) report(where, `on: "${outcome}" is not an answer of expect: ${step.expect} (${[...expected, ...extra].join(', ')})`);
            target(value, `on.${outcome}`);
          }
        }
        if ('do' in step) {
          const outcomes: readonly string[] = ACTION_OUTCOMES[step.do];
          for (const [outcome, value] of Object.entries(step.on ?? {})) {
            if (!outcomes.includes(outcome)) report(where, `on: "${outcome}" is not an outcome of ${step.do} (${outcomes.join(', ') || 'none'})`);
            target(value, `on.${outcome}`);
          }
          for (const outcome of outcomes) if (!step.on || !(outcome in step.on)) report(where, `outcome "${outcome}" of ${step.do} is not handled in on:`);
        }
      });
    }

    // Threads reachable from `default`.
    const queue = ['default'];
    while (queue.length > 0) {
      for (const next of edges.get(queue.shift()!) ?? []) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    for (const thread of threads) if (!reached.has(thread)) report(`threads.${thread}`, 'is unreachable: no step goes to it');
  }

  for (const flow of flows) {
    if (!ENTRY_FLOWS.includes(flow.id) && !startedByFlows.has(flow.id)) {
      problems.push({ flow: flow.id, where: '(file)', problem: 'is unreachable: neither the bot nor another flow starts it' });
    }
  }
  return problems;
}

function keysOf(step: Step): string[] {
  if ('say' in step) return [step.say];
  if ('ask' in step) return step.again ? [step.ask, step.again] : [step.ask];
  return [];
}

/** A step after which the thread never continues (every answer to a question leads somewhere). */
function isTerminal(step: Step): boolean {
  return 'goto' in step || 'start' in step || 'end' in step || 'ask' in step || ('do' in step && step.do === 'continue');
}

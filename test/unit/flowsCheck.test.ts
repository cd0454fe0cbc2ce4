import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFlows, ENTRY_FLOWS } from '../../src/conversation/checkFlows.ts';
import { FlowFileError, loadFlows } from '../../src/conversation/loadFlows.ts';
import type { Flow } from '../../src/conversation/flowSchema.ts';
import { localeHasKey } from '../../src/i18n.ts';

/** The flows the bot starts, as trivial valid flows, so a test can focus on one broken flow. */
function entryStubs(except: string[] = []): Flow[] {
  return ENTRY_FLOWS.filter((id) => !except.includes(id)).map((id) => ({ id, description: 'stub', threads: { default: [{ say: 'help.about' }] } }));
}

describe('flows:check', () => {
  it('passes on the flows of the project', () => {
    expect(checkFlows(loadFlows(), localeHasKey)).toEqual([]);
  });

  it('reports unknown keys, keys missing in a language, dangling jumps, unhandled answers and unreachable threads', () => {
    const broken: Flow = {
      id: 'menu',
      description: 'broken on purpose',
      threads: {
        default: [
          { say: 'menu.nope' },
          { ask: 'consent.notice', expect: 'yes_no', on: { yes: 'missing_thread', maybe: 'end' } },
          { say: 'help.about' },
        ],
        orphan: [{ goto: 'flow:nowhere' }],
        done: [{ do: 'search', on: { found: 'end' } }],
      },
    };
    const onlyInFrench = (language: string, key: string) => (key === 'help.about' ? language === 'fr' : localeHasKey(language, key));
    const problems = checkFlows([...entryStubs(['menu']), broken], onlyInFrench).filter((problem) => problem.flow === 'menu');
    const texts = problems.map((problem) => `${problem.where}: ${problem.problem}`);
    expect(texts).toEqual(
      expect.arrayContaining([
        'threads.default[0]: unknown i18n key "menu.nope"',
        'threads.default[2]: i18n key "help.about" is missing in en, es, ht',
        'threads.default[2]: is never reached: the step before it always leaves the thread',
        'threads.default[1]: answer "no" is not handled in on:',
        expect.stringMatching(/^threads.default\[1\]: on: "maybe" is not an answer of expect: yes_no/),
        'threads.default[1]: on.yes goes to thread "missing_thread", which does not exist',
        'threads.orphan[0]: goto goes to flow "nowhere", which does not exist',
        'threads.done[0]: outcome "nearby" of search is not handled in on:',
        'threads.orphan: is unreachable: no step goes to it',
        'threads.done: is unreachable: no step goes to it',
      ]),
    );
  });

  it('reports a flow nothing starts, and a flow the bot needs that is missing', () => {
    const lonely: Flow = { id: 'lonely', description: 'x', threads: { default: [{ say: 'help.about' }] } };
    const problems = checkFlows([...entryStubs(['person']), lonely], localeHasKey);
    expect(problems).toEqual([
      { flow: 'person', where: '(file)', problem: 'the bot starts flow "person" but flows/person.yaml does not exist' },
      { flow: 'lonely', where: '(file)', problem: 'is unreachable: neither the bot nor another flow starts it' },
    ]);
  });

  it('rejects a flow file that is not valid, naming the file and the place', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flows-'));
    writeFileSync(path.join(dir, 'menu.yaml'), 'id: menu\ndescription: x\nthreads:\n  default:\n    - say: "Bonjour tout le monde"\n');
    writeFileSync(path.join(dir, 'other.yaml'), 'id: wrong_name\ndescription: x\nthreads:\n  default:\n    - do: fly\n');
    writeFileSync(path.join(dir, 'lost.yaml'), 'id: lost\ndescription: x\nthreads:\n  main:\n    - end: true\n');
    writeFileSync(path.join(dir, 'bad.yaml'), 'id: bad\n  description: [\n');
    let error: unknown;
    try {
      loadFlows(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FlowFileError);
    const problems = (error as FlowFileError).problems.join('\n');
    expect(problems).toMatch(/^bad.yaml: /m);
    expect(problems).toMatch(/menu.yaml: threads.default.0.*/);
    expect(problems).toMatch(/lost.yaml: threads: needs a "default" thread/);
    expect(problems).toMatch(/other.yaml: threads.default.0.do: Invalid option: expected one of "record_consent"/);
    rmSync(dir, { recursive: true, force: true });
  });
});

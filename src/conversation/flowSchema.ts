/**
 * Shape of a flow file (`flows/*.yaml`): a conversation as named threads of steps, each step a
 * message (`say`), a question (`ask`, with what answer it expects and where each answer leads),
 * an action of the bot (`do`), a jump to another thread (`goto`), another flow (`start`), or the
 * end. Texts are i18n keys from `locales/<language>/bot.json`, never literal text.
 */
import { z } from 'zod';
import { ACTION_OUTCOMES, type ActionName } from './actionOutcomes.ts';
import { EXPECTATION_NAMES } from './expectationNames.ts';

/** An i18n key such as `menu.main`. */
const i18nKey = z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'must be an i18n key such as "menu.main"');
const name = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a lower-case name (a-z, 0-9, "_")');

/** Where an answer or an outcome leads: a thread of this flow, `flow:<id>` (another flow), or `end`. */
const target = z.string().regex(/^(end|flow:[a-z][a-z0-9_]*|[a-z][a-z0-9_]*)$/, 'must be a thread name, "flow:<id>" or "end"');

// Botkit reads these as its own actions, so a thread may not be called so.
const RESERVED_THREADS = ['next', 'complete', 'stop', 'timeout', 'repeat', 'wait', 'execute_script', 'beginDialog', 'end'];

const saySchema = z.strictObject({ say: i18nKey });
const askSchema = z.strictObject({
  ask: i18nKey,
  expect: z.enum(EXPECTATION_NAMES),
  /** For `expect: choice`: the options in menu order; "1" picks the first. */
  options: z.array(name).min(1).optional(),
  on: z.record(z.string(), target),
  /** The short form of the question, when it is asked again after something that was not an answer. */
  again: i18nKey.optional(),
});
const doSchema = z.strictObject({
  do: z.enum(Object.keys(ACTION_OUTCOMES) as [ActionName, ...ActionName[]]),
  with: z.record(z.string(), z.unknown()).optional(),
  on: z.record(z.string(), target).optional(),
});
const gotoSchema = z.strictObject({ goto: target });
const startSchema = z.strictObject({ start: name, with: z.record(z.string(), z.unknown()).optional() });
const endSchema = z.strictObject({ end: z.literal(true) });

const STEP_KINDS = { say: saySchema, ask: askSchema, do: doSchema, goto: gotoSchema, start: startSchema, end: endSchema } as const;

export type Step = z.infer<(typeof STEP_KINDS)[keyof typeof STEP_KINDS]>;

/** One step; its kind is its first known key, so an error names what is wrong in that kind of step. */
export const stepSchema = z.unknown().transform((value, ctx): Step => {
  const kind = value && typeof value === 'object' ? (Object.keys(STEP_KINDS) as (keyof typeof STEP_KINDS)[]).find((key) => key in value) : undefined;
  if (!kind) {
    ctx.addIssue({ code: 'custom', message: `a step starts with one of ${Object.keys(STEP_KINDS).join(', ')}` });
    return z.NEVER;
  }
  const parsed = STEP_KINDS[kind].safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return parsed.data;
});
export type AskStep = z.infer<typeof askSchema>;
export type DoStep = z.infer<typeof doSchema>;

export const flowSchema = z.strictObject({
  /** The dialog id; the file is `flows/<id>.yaml`. */
  id: name,
  /** What the flow is for, in a sentence a community worker understands. */
  description: z.string().min(1),
  threads: z
    .record(name, z.array(stepSchema).min(1))
    .refine((threads) => 'default' in threads, 'needs a "default" thread (where the flow starts)')
    .refine((threads) => !Object.keys(threads).some((thread) => RESERVED_THREADS.includes(thread)), {
      message: `thread names may not be ${RESERVED_THREADS.join(', ')}`,
    }),
});
export type Flow = z.infer<typeof flowSchema>;

export function isAsk(step: Step): step is AskStep {
  return 'ask' in step;
}
export function isDo(step: Step): step is DoStep {
  return 'do' in step;
}

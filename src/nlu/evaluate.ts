import { z } from 'zod';
import { analyze, LANGUAGES } from './index.ts';
import type { Language, NluEntity, NluResult } from './index.ts';
import type { NluModels } from './models.ts';
import { CRISIS_KINDS } from './types.ts';

const languageSchema = z.enum(LANGUAGES);

/** One labelled message of an evaluation or training set (`*.jsonl`, one object per line). */
export const labelledLineSchema = z.object({
  text: z.string(),
  /** The language the bot must answer in. */
  language: languageSchema,
  intent: z.string(),
  entities: z
    .array(
      z.union([
        z.object({ type: z.literal('age'), months: z.number() }),
        z.object({ type: z.literal('postal_code'), fsa: z.string() }),
        z.object({ type: z.literal('date'), date: z.string() }),
        z.object({ type: z.enum(['number', 'neighbourhood']) }).passthrough(),
      ]),
    )
    .optional(),
  /** Only on crisis lines: which kind of danger, so the answer can give the lines that fit. */
  crisis_kind: z.enum(CRISIS_KINDS).optional(),
  currentLanguage: languageSchema.optional(),
  menu: z.array(z.string()).optional(),
  now: z.string().optional(),
  expectDate: z.boolean().optional(),
  foreign: z.boolean().optional(),
});
export type LabelledLine = z.infer<typeof labelledLineSchema>;

/** Parses a JSON Lines file's text; throws naming the line that does not fit the schema. */
export function parseLabelledLines(text: string, source: string): LabelledLine[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter((entry) => entry.line !== '')
    .map((entry) => {
      const parsed = labelledLineSchema.safeParse(JSON.parse(entry.line));
      if (!parsed.success) throw new Error(`${source}:${entry.number}: ${parsed.error.message}`);
      return parsed.data;
    });
}

/** A count of right answers out of `n`; `n` is 0 when the set has no such line. */
export interface Tally {
  ok: number;
  n: number;
}

/** The measures issue 10 sets goals for, over one set of messages (all of it, or one language). */
export interface Measures {
  messages: number;
  /** Lines whose answer language is right (or, for `foreign` lines, that were flagged foreign). */
  language: Tally;
  intent: Tally;
  /** Crisis lines read as a crisis. */
  crisisRecall: Tally;
  /** Crisis lines read as a crisis or a possible crisis: either way 911 first and a person at once. */
  crisisReached: Tally;
  /** Non-crisis lines read as a crisis (`ok` counts the false alarms). */
  falseCrisis: Tally;
  /**
   * Non-crisis lines read as a possible crisis (`ok` counts them): the bot answers those with 911 and
   * hands the family to a person at once, instead of answering what was asked.
   */
  falsePossibleCrisis: Tally;
  /** Opt-out lines read as `stop`. */
  optOut: Tally;
  /** Opt-in lines read as `start`. */
  optIn: Tally;
  /** Lines stating or finding ages: every age right, none extra. */
  ages: Tally;
  /** Lines giving two or more children's ages. */
  severalAges: Tally;
  postalCodes: Tally;
  dates: Tally;
}

/** The goals of issue 10 on unseen messages; `falseCrisis` is a ceiling, the rest floors. */
export const GOALS = {
  crisisRecall: 0.97,
  falseCrisis: 0.03,
  falsePossibleCrisis: 0.03,
  optOut: 0.97,
  intent: 0.95,
  language: 0.99,
  ages: 0.97,
} as const;

export interface Evaluation {
  all: Measures;
  byLanguage: Record<Language, Measures>;
  /** Crisis recall per kind, over the lines that name a kind. */
  byCrisisKind: Record<string, Tally>;
  /** One line per wrong answer, for the report. */
  misses: string[];
  /** Goals not met, in words; empty when every goal is met. */
  failures: string[];
}

/** Runs `analyze` on every line (with `options.models` instead of the shipped ones when given) and tallies the measures. */
export function evaluate(lines: readonly LabelledLine[], options: { models?: NluModels } = {}): Evaluation {
  const all = emptyMeasures();
  const byLanguage = Object.fromEntries(LANGUAGES.map((language) => [language, emptyMeasures()])) as Record<Language, Measures>;
  const byCrisisKind: Record<string, Tally> = {};
  const misses: string[] = [];
  for (const line of lines) {
    const result = analyze(line.text, {
      currentLanguage: line.currentLanguage,
      menu: line.menu,
      expectDate: line.expectDate ?? line.entities?.some((entity) => entity.type === 'date') ?? false,
      now: line.now ? new Date(line.now) : undefined,
      models: options.models,
    });
    const quoted = JSON.stringify(line.text);
    for (const measures of [all, byLanguage[line.language]]) tallyLine({ measures, line, result });
    if (line.crisis_kind) {
      const row = (byCrisisKind[line.crisis_kind] ??= { ok: 0, n: 0 });
      row.n++;
      if (result.intent === 'crisis') row.ok++;
    }
    const languageOk = line.foreign ? result.foreignLanguage === true : result.language === line.language;
    if (!languageOk) misses.push(`language  ${line.foreign ? 'foreign' : line.language} → ${result.foreignLanguage ? 'foreign' : result.language} (detected ${result.detectedLanguage}, ${result.languageConfidence})  ${quoted}`);
    if (line.intent !== 'crisis' && result.intent !== 'crisis' && result.possibleCrisis) misses.push(`possible  ${line.intent} → possible crisis  ${quoted}`);
    if (result.intent !== line.intent) misses.push(`intent    ${line.intent}${line.crisis_kind ? `/${line.crisis_kind}` : ''} → ${result.intent} (${result.confidence})  ${quoted}`);
    for (const kind of ENTITY_KINDS) {
      const check = compareEntities(kind, line, result);
      if (check && !check.ok) misses.push(`${kind.padEnd(9)} [${check.expected.join(', ')}] → [${check.found.join(', ')}]  ${quoted}`);
    }
  }
  return { all, byLanguage, byCrisisKind, misses, failures: failuresOf(all) };
}

/** `ok / n` as a fraction, or undefined when nothing was measured. */
export function rate(tally: Tally): number | undefined {
  return tally.n === 0 ? undefined : tally.ok / tally.n;
}

const ENTITY_KINDS = ['age', 'postal_code', 'date'] as const;

function emptyMeasures(): Measures {
  const zero = (): Tally => ({ ok: 0, n: 0 });
  return {
    messages: 0,
    language: zero(),
    intent: zero(),
    crisisRecall: zero(),
    crisisReached: zero(),
    falseCrisis: zero(),
    falsePossibleCrisis: zero(),
    optOut: zero(),
    optIn: zero(),
    ages: zero(),
    severalAges: zero(),
    postalCodes: zero(),
    dates: zero(),
  };
}

function tallyLine(args: { measures: Measures; line: LabelledLine; result: NluResult }): void {
  const { measures, line, result } = args;
  const count = (tally: Tally, ok: boolean): void => {
    tally.n++;
    if (ok) tally.ok++;
  };
  measures.messages++;
  count(measures.language, line.foreign ? result.foreignLanguage === true : result.language === line.language);
  count(measures.intent, result.intent === line.intent);
  if (line.intent === 'crisis') {
    count(measures.crisisRecall, result.intent === 'crisis');
    count(measures.crisisReached, result.intent === 'crisis' || result.possibleCrisis === true);
  } else {
    count(measures.falseCrisis, result.intent === 'crisis');
    count(measures.falsePossibleCrisis, result.intent !== 'crisis' && result.possibleCrisis === true);
  }
  if (line.intent === 'stop') count(measures.optOut, result.intent === 'stop');
  if (line.intent === 'start') count(measures.optIn, result.intent === 'start');
  const ages = compareEntities('age', line, result);
  if (ages) count(measures.ages, ages.ok);
  if (ages && ages.expected.length >= 2) count(measures.severalAges, ages.ok);
  const postal = compareEntities('postal_code', line, result);
  if (postal) count(measures.postalCodes, postal.ok);
  const dates = compareEntities('date', line, result);
  if (dates) count(measures.dates, dates.ok);
}

// A line counts for an entity type when it expects one or the NLU found one; right when the values match exactly.
function compareEntities(kind: (typeof ENTITY_KINDS)[number], line: LabelledLine, result: NluResult): { ok: boolean; expected: string[]; found: string[] } | undefined {
  const expected = (line.entities ?? []).filter((entity) => entity.type === kind).map((entity) => valueOf(entity as NluEntity)).sort();
  const found = result.entities.filter((entity) => entity.type === kind).map(valueOf).sort();
  if (expected.length === 0 && found.length === 0) return undefined;
  return { ok: expected.join(',') === found.join(','), expected, found };
}

function valueOf(entity: NluEntity): string {
  if (entity.type === 'age') return String(entity.months);
  if (entity.type === 'postal_code') return entity.fsa;
  if (entity.type === 'date') return entity.date;
  return '';
}

function failuresOf(all: Measures): string[] {
  const under = (tally: Tally, goal: number, name: string): string => {
    const value = rate(tally);
    return value !== undefined && value < goal ? `${name} under ${goal * 100}%` : '';
  };
  const falseCrisis = rate(all.falseCrisis);
  return [
    under(all.crisisRecall, GOALS.crisisRecall, 'crisis recall'),
    falseCrisis !== undefined && falseCrisis > GOALS.falseCrisis ? `false crisis over ${GOALS.falseCrisis * 100}%` : '',
    (rate(all.falsePossibleCrisis) ?? 0) > GOALS.falsePossibleCrisis ? `false possible crisis over ${GOALS.falsePossibleCrisis * 100}%` : '',
    under(all.optOut, GOALS.optOut, 'opt-out recall'),
    under(all.intent, GOALS.intent, 'intent'),
    under(all.language, GOALS.language, 'language'),
    under(all.ages, GOALS.ages, 'ages'),
  ].filter((failure) => failure !== '');
}

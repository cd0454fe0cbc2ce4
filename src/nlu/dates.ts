import type { RecognizerCulture } from './recognizers.ts';
import { recognizers } from './recognizers.ts';
import type { PreparedText } from './text.ts';
import type { Language } from './types.ts';
import { VOCABULARY } from './vocabulary.ts';

/** A date found in a message, in `plain` coordinates, as an ISO date on or after today. */
export interface DateMatch {
  start: number;
  end: number;
  date: string;
}

const CULTURES: Readonly<Record<Language, RecognizerCulture | undefined>> = { fr: 'fr-fr', en: 'en-us', es: 'es-es', ht: undefined };
const DAY_MS = 86_400_000;

/**
 * Due dates and appointment dates ("le 15 mars", "in April", "15 mas"). recognizers-text reads
 * French, English and Spanish; month names of all four languages (Creole has no model) are
 * read here as a fallback.
 */
export function findDates(args: { text: PreparedText; language: Language; now: Date }): DateMatch[] {
  const { text, language, now } = args;
  const today = isoDate(now);
  const found: DateMatch[] = [];
  const culture = CULTURES[language];
  if (culture) {
    for (const result of recognizers.dateTime(culture).parse(text.original, now)) {
      const date = futureDate({ typeName: result.typeName, values: (result.resolution?.values ?? []) as Resolution[], now, today });
      if (date) found.push({ start: toPlain(text, result.start), end: toPlain(text, result.end + 1), date });
    }
  }
  if (found.length > 0) return found;
  for (const { pattern, day, month, year } of MONTH_PATTERNS) {
    for (const match of text.plain.matchAll(pattern)) {
      const monthNumber = MONTHS.get(match[month] ?? '');
      const dayNumber = day === undefined ? 1 : Number(match[day]);
      const yearNumber = year === undefined || match[year] === undefined ? undefined : Number(match[year]);
      const date = monthNumber === undefined ? undefined : nextDate({ month: monthNumber, day: dayNumber, year: yearNumber, today });
      const start = Math.min(...[day, month].map((group) => (group === undefined ? Infinity : (match.indices?.[group]?.[0] ?? Infinity))));
      if (date && !found.some((other) => start < other.end)) found.push({ start, end: (match.index ?? 0) + match[0].length, date });
    }
  }
  return found;
}

interface Resolution {
  type?: string;
  value?: string;
  start?: string;
}

function futureDate(args: { typeName: string; values: readonly Resolution[]; now: Date; today: string }): string | undefined {
  if (args.typeName.endsWith('duration')) {
    const seconds = Number(args.values[0]?.value);
    return Number.isFinite(seconds) && seconds > 0 ? isoDate(new Date(args.now.getTime() + seconds * 1000)) : undefined;
  }
  if (!/date/.test(args.typeName)) return undefined;
  const candidates = args.values.map((value) => (value.value ?? value.start ?? '').slice(0, 10)).filter((value) => /^\d{4}-\d{2}-\d{2}$/.test(value));
  return candidates.find((value) => value >= args.today);
}

function nextDate(args: { month: number; day: number; year: number | undefined; today: string }): string | undefined {
  const thisYear = Number(args.today.slice(0, 4));
  for (const year of args.year === undefined ? [thisYear, thisYear + 1] : [args.year]) {
    const candidate = new Date(Date.UTC(year, args.month - 1, args.day));
    if (candidate.getUTCMonth() !== args.month - 1) return undefined;
    const iso = candidate.toISOString().slice(0, 10);
    if (iso >= args.today) return iso;
  }
  return undefined;
}

function isoDate(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return new Date(Math.floor(local.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

// recognizers-text reports positions in the original text; entities are kept in folded positions.
function toPlain(text: PreparedText, originalIndex: number): number {
  const index = text.starts.findIndex((start) => start >= originalIndex);
  return index < 0 ? text.plain.length : index;
}

const MONTHS = new Map<string, number>(VOCABULARY.lexicons.flatMap((lexicon) => Object.entries(lexicon.months)));
const MONTH = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');
// Short month names that are also words ("may", "me", "mas", "out") only count next to a day
// number or after "in"/"en"/"an".
const MONTH_PATTERNS: readonly { pattern: RegExp; day?: number; month: number; year?: number }[] = [
  { pattern: new RegExp(String.raw`(^|[^a-z0-9])(\d{1,2})(?:er|st|nd|rd|th|e)?\s*(?:de\s+|of\s+)?(${MONTH})(?![a-z])(?:\s*,?\s*(\d{4}))?`, 'dg'), day: 2, month: 3, year: 4 },
  { pattern: new RegExp(String.raw`(^|[^a-z0-9])(${MONTH})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![a-z0-9])(?:\s*,?\s*(\d{4}))?`, 'dg'), month: 2, day: 3, year: 4 },
  { pattern: new RegExp(String.raw`(^|[^a-z0-9])(?:in|en|an|nan|mois de|mois d|mes de|fin|end of|debut|early|late|for|pour|para|vers|around|mwa)\s+(${MONTH})(?![a-z])(?:\s*(\d{4}))?`, 'dg'), month: 2, year: 3 },
];

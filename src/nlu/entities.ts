import { findAges } from './ages.ts';
import { findDates } from './dates.ts';
import { findNumbers } from './numbers.ts';
import type { PreparedText } from './text.ts';
import type { TextClassifier } from './TextClassifier.ts';
import { originalSpan } from './text.ts';
import type { Language, NluEntity } from './types.ts';

interface Span {
  start: number;
  end: number;
  entity: NluEntity;
}

/**
 * Ages (read by `ageModel`; none without it), dates (only when a step expects one: the date model
 * is slow) and numbers, in text order.
 * Postal codes and neighbourhood names are found earlier and passed in, because the words they
 * cover are kept out of language and intent scoring.
 */
export function extractEntities(args: {
  text: PreparedText;
  language: Language;
  expectDate: boolean;
  now: Date;
  places: readonly Span[];
  ageModel: TextClassifier | undefined;
}): NluEntity[] {
  const { text, language } = args;
  const spans: Span[] = [...args.places];
  const free = (start: number, end: number): boolean => !spans.some((span) => start < span.end && end > span.start);
  // Ages never overlap one another, but "triplets" stands for two of them on one span: only places can cover an age.
  for (const age of args.ageModel ? findAges(text.plain, args.ageModel) : []) {
    if (!args.places.some((place) => age.start < place.end && age.end > place.start)) spans.push({ ...age, entity: { type: 'age', text: originalSpan(text, age.start, age.end), months: age.months } });
  }
  if (args.expectDate) {
    for (const date of findDates({ text, language, now: args.now })) {
      if (free(date.start, date.end)) spans.push({ ...date, entity: { type: 'date', text: originalSpan(text, date.start, date.end), date: date.date } });
    }
  }
  for (const number of findNumbers({ text, language })) {
    if (free(number.start, number.end)) spans.push({ ...number, entity: { type: 'number', text: originalSpan(text, number.start, number.end), value: number.value } });
  }
  return spans.sort((a, b) => a.start - b.start).map((span) => span.entity);
}

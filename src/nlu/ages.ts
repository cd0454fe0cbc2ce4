import type { Language } from './types.ts';
import { VOCABULARY } from './vocabulary.ts';

/** A child's age found in folded text, with its span. */
export interface AgeMatch {
  start: number;
  end: number;
  months: number;
}

type Unit = 'year' | 'month' | 'week';

// Ages in months go past twenty ("vingt-quatre mois", "twenty-two months", "veinticuatro meses").
const COMPOUNDS: Record<Language, Record<string, number>> = {
  fr: { 'vingt-et-un': 21, 'vingt-deux': 22, 'vingt-trois': 23, 'vingt-quatre': 24, 'vingt-cinq': 25, 'vingt-six': 26, 'vingt-sept': 27, 'vingt-huit': 28, 'vingt-neuf': 29, 'trente-six': 36 },
  en: { 'twenty-one': 21, 'twenty-two': 22, 'twenty-three': 23, 'twenty-four': 24, 'twenty-five': 25, 'twenty-six': 26, 'twenty-seven': 27, 'twenty-eight': 28, 'twenty-nine': 29, 'thirty-six': 36 },
  es: { veintiuno: 21, veintidos: 22, veintitres: 23, veinticuatro: 24, veinticinco: 25, veintiseis: 26, veintisiete: 27, veintiocho: 28, veintinueve: 29, 'treinta-y-seis': 36 },
  ht: { venteyen: 21, vennde: 22, venntwa: 23, vennkat: 24 },
};

// Units as parents write them after a number, folded ("años" → "anos", "mwa", "yrs", "18m").
const UNITS: Record<Language, Record<Unit, string>> = {
  fr: { year: 'ans|an|annees|annee', month: 'mois', week: 'semaines|semaine|sem' },
  en: { year: 'years|year|yrs|yr|y ?o', month: 'months|month|mths|mos|mo', week: 'weeks|week|wks|wk' },
  es: { year: 'anos|ano|anitos|anios|anio', month: 'meses|mes|mesecitos', week: 'semanas|semana' },
  ht: { year: 'ane|zan|an', month: 'mwa', week: 'semenn|semen' },
};
const HALF_AFTER = String.raw`(?:\s*(?:(?:et|and|n|y|e|ak|pis)\s*)?(?:demi|a half|half|medio|media|mwatye|edmi|1\/2|½))`;
const HALF_BEFORE = String.raw`(?:\s*(?:1\/2|½|and a half|et demi|y medio|e demi))`;
const CONTRACTED_YEARS: Readonly<Record<string, number>> = {
  ennan: 1, inan: 1, dezan: 2, twazan: 3, katran: 4, senkan: 5, sizan: 6, setan: 7, uitan: 8, wuitan: 8, nevan: 9, dizan: 10,
};
// "enceinte de 5 mois", "here for 2 years", "dans 3 mois": durations, not a child's age; nor "a few hours a week", "twice a month".
const DURATION_BEFORE = /(?:^|[^a-z])(?:hours?|times|once|twice|days?|heures?|fois|horas?|veces|fwa|edtan|enceinte?s?|grossesse|pregnant|pregant|embarazada|embarasada|embarazo|ansent|ansan|gwoses|maternelle|fait|been|lleva|llevo|llevamos|depuis|il y a|y a|since|hace|depi|sa gen|pandan|pendant|dans|in|within|en|(?<!(?:pitit|gason|tifi|bebe|timoun|pitit gason m|pitit fi m|pitit mwen|ti gason m)\s)nan|apre|after|apres|attente|waiting|wait|attend|attends|esperando|tann|loyer|bail|lease|here for|ici|isit|aqui|canada|quebec|montreal|ya|arrive|arrivee|arrived|llegue|llegamos|rive|peye|paid|pay|paye|pague|pagado|late|retard|atraso|talla|taille|size|sizes|grandeur|aux|every|cada|chak|toutes les|tous les|rendue a|rendu a|rendue|along|im at|i m at|waitlist is|wait is|waitlist|attente est de|espera de|espera es de|espera es|prematernelle|kindergarten|kinder|grade|grado)\s*(?:d'|d\s+|de\s+|about\s+|environ\s+|casi\s+|presque\s+|almost\s+)?$/;
const DURATION_AFTER = /^\s*(?:de grossesse|of pregnancy|pregnant|de embarazo|embarazada|ansent|gwoses|ago|wait|long|de long|plus tard|later|d attente|de attente|dattente|en attente|waiting|de loyer|of rent|de renta|lwaye|on the waiting|ici|here|aqui|isit|au canada|in canada|en canada|nan kanada|au quebec)/;

/** Ages of children ("4 ans", "18 mois", "two and a half years", "9 mwa", "dezan") in months. */
export function findAges(plain: string): AgeMatch[] {
  const found: AgeMatch[] = [];
  const taken = (start: number, end: number): boolean => found.some((age) => start < age.end && end > age.start);
  // "3 ans et 9 mois", "2 years and 3 months": one child, in months.
  for (const match of plain.matchAll(YEARS_AND_MONTHS)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    const years = Number(match[2]);
    const months = Number(match[3]);
    if (years < 18 && months < 12) found.push({ start, end: (match.index ?? 0) + match[0].length, months: years * 12 + months });
  }
  // "2-3 ans", "pour les 0-5 ans": a program's age range, not a child.
  for (const match of plain.matchAll(AGE_RANGE)) found.push({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length, months: -1 });
  for (const { pattern, language } of PATTERNS) {
    for (const match of plain.matchAll(pattern)) {
      const start = (match.index ?? 0) + (match[1]?.length ?? 0);
      const end = (match.index ?? 0) + match[0].length;
      if (taken(start, end) || isDuration(plain, start, end)) continue;
      // "une semaine", "a week": a duration.
      if (ARTICLES.has(match[2] ?? '') && unitOf((match[4] ?? '').replace(/\s+/g, '')) === 'week') continue;
      // "a yo" (Creole "a" then "yo") is not "a year old".
      if (['a', 'an'].includes(match[2] ?? '') && /^(?:y ?o|yrs?)$/.test(match[4] ?? '')) continue;
      if (match[4] === 'y' && /\s/.test(match[0].slice((match[1] ?? '').length + (match[2] ?? '').length))) continue;
      const months = monthsOf({ amount: match[2] ?? '', halfBefore: match[3], unitText: match[4] ?? '', halfAfter: match[5], language });
      // More than sixteen weeks is a pregnancy ("tengo 30 semanas"), not a baby's age.
      if (months !== undefined && !(unitOf((match[4] ?? '').replace(/\s+/g, '')) === 'week' && Number(match[2]) > 16)) found.push({ start, end, months });
    }
  }
  // "2, 4 et 7 ans", "1, 3 y 6 años": every number of the list shares the unit of the last one.
  for (const match of plain.matchAll(LISTED)) {
    const listStart = (match.index ?? 0) + (match[1]?.length ?? 0);
    for (const number of numbersIn(match[2] ?? '', listStart)) {
      const months = monthsOf({ amount: number.text, halfBefore: undefined, unitText: match[3] ?? '', halfAfter: undefined, language: 'digits' });
      if (months !== undefined && !taken(number.start, number.end) && !isDuration(plain, number.start, number.end)) found.push({ start: number.start, end: number.end, months });
    }
  }
  // "ages 1, 4 and 9", "mine are 3 and 6", "mis hijos tienen 2 y 4", "timoun yo gen 3, 6 ak 9": years, without a unit.
  for (const match of plain.matchAll(LIST_AFTER_CUE)) {
    const listStart = (match.index ?? 0) + match[0].length - (match[1] ?? '').length;
    for (const number of numbersIn(match[1] ?? '', listStart)) {
      const years = numberValue(number.text) ?? 0;
      if (years > 0 && years < 18 && !taken(number.start, number.end)) found.push({ start: number.start, end: number.end, months: years * 12 });
    }
  }
  for (const match of plain.matchAll(CONTRACTED)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    const years = CONTRACTED_YEARS[match[2] ?? ''];
    if (years !== undefined && !taken(start, start + (match[2] ?? '').length)) found.push({ start, end: start + (match[2] ?? '').length, months: years * 12 });
  }
  for (const match of plain.matchAll(IS_AGE)) {
    const start = (match.index ?? 0) + match[0].length - (match[2] ?? '').length - (match[3] ?? '').length;
    const years = numberValue(match[2] ?? '');
    if (years !== undefined && years > 0 && years < 18 && !taken(start, start + (match[2] ?? '').length)) {
      found.push({ start, end: start + (match[2] ?? '').length, months: years * 12 + (match[3] ? 6 : 0) });
    }
  }
  // "un niño de año y medio", "a year and a half", "yon an edmi": eighteen months, no digit.
  for (const match of plain.matchAll(YEAR_AND_A_HALF)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    if (!taken(start, start + (match[2] ?? '').length)) found.push({ start, end: start + (match[2] ?? '').length, months: 18 });
  }
  // "he's 4 days old", "bebe de 10 dias de nacido": a newborn's age in days, in whole months.
  for (const match of plain.matchAll(DAYS_OLD)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    const days = Number(match[2]);
    if (days > 0 && days <= 60 && !taken(start, start + (match[2] ?? '').length)) found.push({ start, end: (match.index ?? 0) + match[0].length, months: Math.round(days / 30.44) });
  }
  // "my daughter 12 and son 4", "my son 4 1/2": a child named, then a number.
  for (const match of plain.matchAll(CHILD_NUMBER)) {
    const start = (match.index ?? 0) + match[0].length - (match[1] ?? '').length - (match[2] ?? '').length;
    const years = Number(match[1]);
    if (years > 0 && years < 18 && !taken(start, start + (match[1] ?? '').length)) found.push({ start, end: start + (match[1] ?? '').length, months: years * 12 + (match[2] ? 6 : 0) });
  }
  // "hes 2", "she's 4,": a pronoun and a number alone are an age in years.
  // "(1 and 4)", "our daughter (7)": numbers in brackets after children are their ages.
  for (const pattern of [PRONOUN_AGE, BRACKETED]) {
    for (const match of plain.matchAll(pattern)) {
      const listStart = (match.index ?? 0) + match[0].length - (match[1] ?? '').length - (pattern === BRACKETED ? 1 : 0);
      for (const number of numbersIn(match[1] ?? '', listStart)) {
        const years = numberValue(number.text) ?? 0;
        if (years > 0 && years < 18 && !taken(number.start, number.end)) found.push({ start: number.start, end: number.end, months: years * 12 });
      }
    }
  }
  // "twins age 7", "edad: 4": one age after the word "age".
  for (const match of plain.matchAll(AGE_WORD)) {
    const start = (match.index ?? 0) + match[0].length - (match[1] ?? '').length;
    const years = Number(match[1]);
    if (years > 0 && years < 18 && !taken(start, start + (match[1] ?? '').length)) found.push({ start, end: start + (match[1] ?? '').length, months: years * 12 });
  }
  // "un de 5 pis un de 8", "uno de 2 y otra de 4": one child of each age, in years.
  for (const match of plain.matchAll(ONE_OF)) {
    const start = (match.index ?? 0) + match[0].length - (match[2] ?? '').length;
    const years = Number(match[2]);
    if (years > 0 && years < 18 && !taken(start, start + (match[2] ?? '').length)) found.push({ start, end: start + (match[2] ?? '').length, months: years * 12 });
  }
  // "he has 3 and a half", "tiene 3 y medio": an age told without a unit but with its half.
  for (const match of plain.matchAll(HAS_HALF)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    const years = Number(match[2]);
    if (years > 0 && years < 18 && !taken(start, start + (match[2] ?? '').length)) found.push({ start, end: start + (match[2] ?? '').length, months: years * 12 + 6 });
  }
  // "ma fille a 4 ans et mon gars 7", "my daughter is 4 and my son is 7": the next child takes the same unit.
  for (const age of [...found]) {
    const child = NEXT_CHILD.exec(plain.slice(age.end, age.end + 40));
    const next = child ?? NEXT_BARE.exec(plain.slice(age.end, age.end + 40));
    if (!next) continue;
    const start = age.end + next[0].length - (next[1] ?? '').length;
    const value = Number(next[1]);
    // A bare closing number, or an older child ("my son 4"), is in years; another baby takes the unit of the age before.
    const baby = child !== null && BABY_WORDS.test(child[0]);
    const months = (!baby || (age.months % 12 === 0 && age.months >= 12) ? value * 12 : value) + (!child && next[2] ? 6 : 0);
    if (value > 0 && value < 18 * (months === value ? 4 : 1) && !taken(start, start + (next[1] ?? '').length)) found.push({ start, end: start + (next[1] ?? '').length, months });
  }
  const ages = found.filter((age) => age.months >= 0).sort((a, b) => a.start - b.start);
  // Twins are two children of one age: "twins age 7", "the twins are 7 months", "jimo yo gen 2 mwa".
  const twins = TWINS.exec(plain);
  if (ages.length === 1 && twins && ages[0]) {
    const start = twins.index + twins[0].length - (twins[1] ?? '').length;
    ages.push({ start, end: start + (twins[1] ?? '').length, months: ages[0].months });
  }
  return ages;
}

function monthsOf(args: { amount: string; halfBefore: string | undefined; unitText: string; halfAfter: string | undefined; language: Language | 'digits' }): number | undefined {
  const base = numberValue(args.amount);
  if (base === undefined) return undefined;
  const value = base + (args.halfBefore || args.halfAfter ? 0.5 : 0);
  const unit = unitOf(args.unitText.replace(/\s+/g, ''));
  if (unit === 'year') return value > 0 && value < 18 ? Math.round(value * 12) : undefined;
  if (unit === 'month') return value > 0 && value <= 72 ? Math.round(value) : undefined;
  return value > 0 && value <= 104 ? Math.round((value * 12) / 52) : undefined;
}

function unitOf(text: string): Unit {
  for (const units of Object.values(UNITS)) {
    for (const unit of ['year', 'month', 'week'] as const) {
      if (units[unit].split('|').some((option) => option.replace(/ \?/g, '') === text)) return unit;
    }
  }
  return text === 'm' ? 'month' : 'year';
}

function numberValue(text: string): number | undefined {
  const digits = text.replace(',', '.');
  if (/^\d+(\.\d+)?$/.test(digits)) return Number(digits);
  for (const lexicon of VOCABULARY.lexicons) {
    const numbers: Readonly<Record<string, number>> = { ...lexicon.numbers, ...COMPOUNDS[lexicon.language] };
    const value = numbers[text.replace(/\s+/g, '-')] ?? numbers[text];
    if (value !== undefined) return value;
  }
  if (text === 'a' || text === 'an') return 1;
  return undefined;
}

function isDuration(plain: string, start: number, end: number): boolean {
  return DURATION_BEFORE.test(plain.slice(Math.max(0, start - 30), start)) || DURATION_AFTER.test(plain.slice(end, end + 30));
}

function agePattern(numbers: string, units: Record<Unit, string>): RegExp {
  const unit = `${units.year}|${units.month}|${units.week}`;
  return new RegExp(String.raw`(^|[^a-z0-9.,])(${numbers})(${HALF_BEFORE})?\s*-?\s*(${unit})(?:\s*-?\s*olds?)?(${HALF_AFTER})?(?![a-z0-9])`, 'g');
}

function wordsOf(language: Language, articles: boolean): string {
  const lexicon = VOCABULARY.lexicons.find((candidate) => candidate.language === language);
  const words = Object.keys({ ...lexicon?.numbers, ...COMPOUNDS[language] })
    .filter((word) => articles || !['un', 'une', 'una', 'uno', 'en'].includes(word))
    .map((word) => word.replace(/-/g, '[- ]'));
  if (language === 'en' && articles) words.push('a', 'an');
  return words.sort((a, b) => b.length - a.length).join('|');
}

// After digits only: "3y", "18m" are ages, "a y" and "a m" are not.
const ALL_UNITS: Record<Unit, string> = {
  year: [...Object.values(UNITS).map((units) => units.year), 'y'].join('|'),
  month: [...Object.values(UNITS).map((units) => units.month), 'm'].join('|'),
  week: Object.values(UNITS).map((units) => units.week).join('|'),
};
// Digits go with any language's unit; number words only with units of their own language
// ("de mwa" is two months in Creole, "combien de mois" is not).
const PATTERNS: readonly { pattern: RegExp; language: Language | 'digits' }[] = [
  { pattern: agePattern(String.raw`\d{1,2}(?:[.,]5)?`, ALL_UNITS), language: 'digits' },
  ...(['fr', 'en', 'es', 'ht'] as const).map((language) => ({ pattern: agePattern(wordsOf(language, true), UNITS[language]), language })),
];
const CONTRACTED = new RegExp(String.raw`(^|[^a-z0-9])(${Object.keys(CONTRACTED_YEARS).join('|')})(?![a-z0-9])`, 'g');
// "my son is two", "she's 3", "mi hija tiene tres": an age without a unit, in years.
const IS_AGE = new RegExp(
  String.raw`(^|[^a-z])(?:son|daughter|grandson|granddaughter|boy|girl|kid|child|baby|he|hes|she|shes|twins|hijo|hija|nieto|nieta|nino|nina|bebe|mio|mia|fils|fille|gars|petit fils|petite fille|other one|one|l'autre|lautre|otro|otra|lot la)(?:\s+|'|\s*'\s*)(?:is|s|are|turns|turned|just turned|will be|tiene|cumple|cumplio|de|of|a)\s+(\d{1,2}|${wordsOf('en', false)}|${wordsOf('es', false)})(${HALF_AFTER})?(?![a-z0-9]|\s*(?:kids|children|hijos|ninos|months|years|meses|anos|weeks|semanas|mois|ans|days|jours|dias|jou|\d))`,
  'g',
);
// "3 and 5 years old", "2, 4 et 7 ans", "1, 3 y 6 años", "3 an ak 6 an": the numbers before the last share its unit.
// Number words that can stand in a list of ages ("deux et quatre ans", "tres y cinco años"); never
// the short ones that are also prepositions or articles elsewhere ("de" is two in Creole, "a", "en", "un").
const LIST_WORDS = [...new Set((['fr', 'en', 'es', 'ht'] as const).flatMap((language) => wordsOf(language, false).split('|')))]
  .filter((word) => word.length >= 3 && !['une', 'uno', 'una', 'yon', 'youn', 'yonn', 'one', 'set', 'dis'].includes(word))
  .join('|');
const LIST_NUMBER = new RegExp(String.raw`\d{1,2}|(?<![a-z])(?:${LIST_WORDS})(?![a-z])`, 'g');
const LIST_SEPARATOR = String.raw`(?:\s*(?:,|\/|and|n|et|pis|y|e|ak|&|or|ou|o)\s*|\s+)`;
const LISTED = new RegExp(String.raw`(^|[^a-z0-9.,])((?:(?:\d{1,2}|${LIST_WORDS})${LIST_SEPARATOR})+)(?=(?:\d{1,2}|${LIST_WORDS})\s*(years|year|yrs|yr|yo|y o|ans|anos|an|mois|months|meses|mwa)(?![a-z]))`, 'g');
// Words after which a bare list of numbers is children's ages in years.
const LIST_AFTER_CUE = new RegExp(
  String.raw`(?:^|[^a-z])(?:ages?|edades|edad|laj|aj|(?:(?:my|mes|mis|our|nos)\s+\d\s*(?:boys|girls|kids|enfants|hijos)?\s+(?:are|sont|tienen)|(?:j'?en ai|i have|ive got|tengo|m gen|mwen gen)\s+\d\s*(?:kids|enfants|hijos|pitit|timoun)?\s*:|ados|teens|adolescents|adolescentes|kids|children|mine|they|they ?'?re|tienen|boys|girls|sons|daughters|twins|enfants|ils|elles|filles|fils|gars|hijos|hijas|ninos|ninas|nenes|timoun|pitit|yo|others|other two|autres|otros|otras|lot yo)(?:\s+(?:are|r|ont|tienen|gen|genyen|have|sont|of|de|for|pour|para|pou))?)\s*(?:of|de|:|\(|,)?\s*((?:\d{1,2}${LIST_SEPARATOR})+\d{1,2})(?![0-9]|\s*(?:h\b|\$|%|(?:ans|an|years|anos|mois|months|meses|mwa|kids|enfants|hijos|pitit|timoun)(?![a-z])))`,
  'g',
);
// "…and my son 7", "et mon gars 7", "y mi hijo 7", "ak pitit gason m nan 7": a second child after an age.
const NEXT_CHILD = /^\s*(?:(?:,|and|et|y|ak|pis|then)\s+)?(?:(?:my|mon|ma|mi|the|l|le|la|el|son|sa|su|his|her)\s+)?(?:brother|sister|frere|soeur|hermano|hermana|hermanito|hermanita|fre|se|son|daughter|boy|girl|other|oldest|youngest|baby|gars|fils|fille|grande|grand|petit|petite|bebe|bb|hijo|hija|nino|nina|otro|otra|mayor|menor|pitit|gason|tifi|ti gason|lot la)\s+(?:is\s+|a\s+|tiene\s+|gen\s+|has\s+|de\s+|of\s+)?(\d{1,2})(?![0-9]|\s*(?:h\b|\$|%|kids|enfants|hijos))/;

const BABY_WORDS = /(?:baby|bebe|bb|tibebe|nene|nena)\s/;
// "…18 months and 3": a bare number closing a list of ages is the next child's age.
const NEXT_BARE = /^\s*(?:,|and|et|y|ak|pis|&)\s+(\d{1,2})(\s*(?:1\/2|½|and a half|et demi|y medio))?(?=\s*(?:$|[.,!?;)]))/;
const YEAR_AND_A_HALF = /(^|[^a-z0-9]\s*)((?:(?:un|a|one|yon|en)\s+)?(?:ano y medio|year and a half|an et demi|annee et demie|an edmi|ane edmi))(?![a-z])/g;

const ARTICLES = new Set(['a', 'an', 'one', 'un', 'une', 'un', 'uno', 'una', 'yon']);
const YEARS_AND_MONTHS = /(^|[^a-z0-9])(\d{1,2})\s*(?:ans?|years?|yrs?|anos?|an|zan)\s*(?:et|and|y|e|ak)?\s*(\d{1,2})\s*(?:mois|months?|meses|mes|mwa)(?![a-z])/g;
const AGE_RANGE = /(?<![0-9])\d{1,2}\s*(?:-|a|à|to|à)\s*\d{1,2}\s*(?:ans|an|years|yrs|anos|mwa|mois|months|meses)(?![a-z])/g;
const ONE_OF = /(?:^|[^a-z])(un|une|uno|una|one|otro|otra|otre|lot|yon|el|la)\s+(?:de|of)\s+(\d{1,2})(?![0-9]|\s*(?:h\b|\$|%|mois|months|meses|mwa|semaines|weeks|semanas))/g;
// Only after a verb or "age": "un 4 et demi" and "dans un 3 et demi" are Montreal apartment sizes.
const HAS_HALF = /((?:^|[^a-z])(?:tiene|tienen|is|has|hes|shes|he's|she's|age|aged|edad|gen|a|at)\s+)(\d{1,2})\s*(?:y medio|et demi|and a half|and half|n a half|ak edmi|edmi)(?![a-z])/g;
const DAYS_OLD = /((?:^|[^a-z0-9])(?:(?:he|she|baby|bebe|bb)(?:'s| s| is|s)?|tiene|a|gen|de)\s+)(\d{1,2})\s*(?:days?|jours?|dias|jou)(?:\s+(?:old|de vie|de nacido|de nacida|de naissance|fet))?(?![a-z])/g;
const CHILD_NUMBER = /(?:^|[^a-z])(?:my|mon|ma|mi|our|nuestro|nuestra)\s+(?:son|daughter|boy|girl|kid|oldest|youngest|fils|fille|gars|grande|grand|hijo|hija|nino|nina)\s+(\d{1,2})(\s*(?:1\/2|½))?(?![0-9]|\s*(?:h\b|\$|%|(?!(?:and|et|y|pis|but)(?![a-z]))[a-z]))/g;
const PRONOUN_AGE = /(?:^|[^a-z])(?:he'?s|she'?s|hes|shes)\s+(\d{1,2})(?![0-9]|\s*(?:h\b|\$|%|(?!(?:and|et|y|pis|but)(?![a-z]))[a-z]))/g;
const BRACKETED = new RegExp(String.raw`(?:\d{1,2}|kids|children|son|daughter|boys|girls|enfants|fils|fille|gars|hijos|hijo|hija|ninos|pitit|timoun)\s*\(((?:\d{1,2}${LIST_SEPARATOR})*\d{1,2})\)`, 'g');
const AGE_WORD = /(?:^|[^a-z])(?:age|aged|edad|laj)\s*:?\s*(\d{1,2})(?![0-9]|\s*(?:-|a|to|ans|years|anos|mois|months|meses|and|et|y|,))/g;
const TWINS = /(?:^|[^a-z])(twins|jumeaux|jumelles|jumeau|gemelos|gemelas|mellizos|mellizas|morochos|cuates|jimo|jimel|marasa)(?![a-z])/;

/** The numbers of a list ("2, 4 et 7") with their spans, offset by where the list starts. */
function numbersIn(list: string, offset: number): { text: string; start: number; end: number }[] {
  return [...list.matchAll(LIST_NUMBER)].map((match) => ({ text: match[0], start: offset + (match.index ?? 0), end: offset + (match.index ?? 0) + match[0].length }));
}

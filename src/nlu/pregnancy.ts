import { prepareText } from './text.ts';

/**
 * Whether a message says the writer is pregnant ("jsuis enceinte", "I'm 20 weeks pregnant",
 * "estoy embarazada", "mwen ansent", "on attend un bébé"), as opposed to asking about a baby already
 * born. A negation just before ("pas enceinte", "not pregnant", "pa ansent") says it is not.
 */
export function mentionsPregnancy(text: string): boolean {
  const { folded } = prepareText(text);
  for (const match of folded.matchAll(PREGNANT)) {
    const before = folded.slice(Math.max(0, (match.index ?? 0) - 12), match.index ?? 0);
    if (!NEGATION.test(before)) return true;
  }
  return false;
}

/**
 * Whether a message says the baby was just born ("je viens d'accoucher", "just had my baby",
 * "acabo de dar a luz", "mwen fèk akouche"): the mother is no longer pregnant.
 */
export function mentionsBirth(text: string): boolean {
  return BORN.test(prepareText(text).folded);
}

const BORN = new RegExp(
  String.raw`\b(?:${[
    '(?:viens|vient|venons) d accoucher', 'j ai accouche', 'a accouche', 'bebe est ne', 'bebe est nee', 'nouveau ne', 'postnatale?', 'post partum',
    'just had (?:my|a|the|our) baby', 'had (?:my|the) baby', 'gave birth', 'baby was born', 'newborn', 'postpartum', 'postnatal',
    'acabo de dar a luz', 'di a luz', 'ya nacio', 'recien nacid[oa]', 'posparto', 'postparto',
    'fek akouche', 'te akouche', 'fenk akouche', 'bebe a fet',
  ].join('|')})\b`,
);

const PREGNANT = new RegExp(
  String.raw`\b(?:${[
    'enceinte?s?', 'grossesse', 'future maman', 'futur papa', 'futurs parents', 'attend(?:s|ons)? un bebe', 'attend(?:s|ons)? notre premier',
    'pregnant', 'pregnancy', 'expecting(?: a baby)?', 'mom to be', 'due in', 'due date',
    'embarazada?s?', 'embarazo', 'esperando (?:un|mi|nuestro) bebe', 'espero un bebe',
    'ansent', 'ansan', 'gwoses', 'ap tann (?:yon )?(?:ti)?bebe',
  ].join('|')})\b`,
  'g',
);
const NEGATION = /\b(?:pas|plus|pu|not|no|isnt|arent|pa|poko)\s+(?:\w+\s+)?$/;

import { translate, type Language } from '../i18n.ts';
import type { DirectoryResult } from '../directory/searchDirectory.ts';
import { smsSegments, toGsm7 } from '../sms/gsm7.ts';

/** How a list or a program is shown: SMS aims at two segments; WhatsApp has room for more. */
export interface RenderOptions {
  language: Language;
  channel: 'sms' | 'whatsapp';
  /** The text of the message around what is rendered here (counted in the SMS budget). */
  around?: string;
}

const SMS_SEGMENTS = 2;
// Two concatenated GSM-7 segments.
const SMS_CHARACTERS = 306;
const PLACEHOLDER_PHONE = /^514-555-01\d\d$/;

/**
 * Numbered lines, one per program: name, why it fits, how to reach it. Names that start alike keep
 * the part that tells them apart; a name is cut only between words; a program outside the family's
 * neighbourhood always says where it is.
 */
export function renderResultList(results: readonly DirectoryResult[], options: RenderOptions): string {
  const line = (result: DirectoryResult, index: number, name: string, detail: 'all' | 'why' | 'name') => {
    const contact = reach(result, options.language);
    const why = detail === 'name' ? placeHint(result, options.language) : whyItFits(result, options.language);
    const text = why ? `${index + 1}) ${name} (${why}).` : `${index + 1}) ${name}${name.endsWith('...') ? '' : '.'}`;
    // A number still to confirm is said once, in the details, not on every line.
    return detail === 'all' && contact ? `${text} ${contact}` : text;
  };
  const names = (max: number) => distinctNames(results.map((result) => result.name), max);
  if (options.channel === 'whatsapp') {
    const shown = names(200);
    return results.map((result, index) => `${line(result, index, shown[index]!, 'all')}\n${shorten(firstSentence(result.description), 160)}`).join('\n\n');
  }
  // Shorter names, then fewer details, until the list leaves room for the lines around it.
  const budget = SMS_CHARACTERS - toGsm7(options.around ?? '').length;
  let list = '';
  for (const [nameLength, detail] of [[70, 'all'], [50, 'all'], [38, 'all'], [38, 'why'], [28, 'why'], [38, 'name'], [24, 'name']] as const) {
    const shown = names(nameLength);
    list = results.map((result, index) => line(result, index, shown[index]!, detail)).join('\n');
    if (toGsm7(list).length <= budget) return list;
  }
  return list;
}

/** The hint under a list: which numbers to reply, and MORE when there are more. */
export function renderListHint(count: number, hasMore: boolean, language: Language): string {
  return translate(language, hasMore ? 'results.hint_more' : 'results.hint_last', { count });
}

/** One program in full: what it is, for whom, when, where, cost, how to register. */
export function renderDetails(result: DirectoryResult, options: RenderOptions): string {
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(options.language, key, vars);
  const schedule = result.schedules.map((item) => item.description).filter(Boolean).join('; ');
  const place = result.locations.map((location) => (location.address && !/à confirmer/i.test(location.address) ? location.address : location.name)).join('; ');
  const register = registerText(result, options.language);
  const lines = (description: string, full = true) =>
    [
      full ? `${result.name} (${result.organization})` : result.name,
      description,
      schedule && t('results.detail.when', { text: schedule }),
      place && t('results.detail.where', { text: place }),
      result.cost && t('results.detail.cost', { text: result.cost }),
      t('results.detail.register', { text: register }),
      // The "ask the team" line already says the details are not verified.
      !result.verified && register !== t('results.reach.ask_team') && t('results.detail.unverified'),
    ]
      .filter(Boolean)
      .join('\n');
  if (options.channel === 'whatsapp') return lines(result.description);
  // SMS, in three segments at most with the question under it: the description gives way first.
  const fits = (text: string) => smsSegments(toGsm7(`${text}${options.around ?? ''}`)) <= SMS_SEGMENTS + 1;
  for (const length of [400, 200, 120, 60, 0]) {
    const text = lines(length === 0 ? '' : shorten(result.description, length), false);
    if (fits(text)) return text;
  }
  return lines('', false);
}

function whyItFits(result: DirectoryResult, language: Language): string {
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(language, key, vars);
  const parts: string[] = [];
  if (result.why.pregnancy || result.why.age === 'pregnancy') parts.push(t('results.why.pregnancy'));
  else if (result.why.age === 'in_range') parts.push(t('results.why.age'));
  const place = result.why.neighbourhood;
  if (result.why.place === 'exact' && place) parts.push(t('results.why.exact', { place }));
  else if (result.why.place === 'adjacent' && place) parts.push(t('results.why.adjacent', { place }));
  else if (result.why.place === 'province') parts.push(t('results.why.province'));
  else if (result.why.place === 'montreal') parts.push(t('results.why.montreal'));
  else if (place) parts.push(t('results.why.exact', { place }));
  if (result.free) parts.push(t('results.why.free'));
  return parts.join(', ');
}

/** Where the program is, when that is not the family's own neighbourhood (else empty). */
function placeHint(result: DirectoryResult, language: Language): string {
  const place = result.why.neighbourhood;
  if (result.why.place === 'exact') return '';
  if (result.why.place === 'province') return translate(language, 'results.why.province');
  if (result.why.place === 'montreal') return translate(language, 'results.why.montreal');
  return place ? translate(language, result.why.place === 'adjacent' ? 'results.why.adjacent' : 'results.why.exact', { place }) : '';
}

/** A real number or web address; empty when none is known: a placeholder number is never shown as real. */
function reach(result: DirectoryResult, language: Language): string {
  const phone = result.contact.phone;
  if (phone && !PLACEHOLDER_PHONE.test(phone)) return translate(language, 'results.reach.phone', { phone });
  return result.contact.url ?? result.contact.email ?? '';
}

function registerText(result: DirectoryResult, language: Language): string {
  const phone = result.contact.phone;
  if (phone && PLACEHOLDER_PHONE.test(phone)) return translate(language, 'results.reach.ask_team');
  return result.howToRegister || reach(result, language) || translate(language, 'results.reach.unconfirmed');
}

function firstSentence(text: string): string {
  const match = /^.+?[.!?](\s|$)/.exec(text);
  return (match ? match[0] : text).trim();
}

// Small words a shortened name must not end on ("Accompagnement des parents et des...").
const TRAILING_WORDS = new Set([
  'a', 'à', 'au', 'aux', 'de', 'des', 'du', 'd', 'en', 'et', 'la', 'le', 'les', 'l', 'pour', 'par', 'sur', 'avec', 'un', 'une',
  'the', 'of', 'and', 'for', 'in', 'on', 'to', 'with', 'an',
  'el', 'los', 'las', 'del', 'y', 'con', 'para', 'por', 'una',
  'ak', 'pou', 'nan', 'ki', 'yon', 'sou', 'pa',
]);
const SEPARATOR = /[\s,;:.–—-]+$/;

/**
 * Cuts `text` to at most `max` characters between words, with "..." (never inside a word, never
 * after a small word like "de" or "of"). A first word longer than `max` is kept whole.
 */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const words = text.split(/\s+/);
  const kept: string[] = [];
  for (const word of words) {
    if (kept.length > 0 && [...kept, word].join(' ').length > max - 3) break;
    kept.push(word);
  }
  while (kept.length > 1 && TRAILING_WORDS.has(kept.at(-1)!.replace(SEPARATOR, '').toLowerCase().replace(/['’]$/, ''))) kept.pop();
  return `${kept.join(' ').replace(SEPARATOR, '')}...`;
}

/**
 * Shortens each name to `max` characters so that names which start alike ("Continuum 0-24 ans de
 * Saint-Michel : besoins de base" and "… : de l’école à l’âge adulte") keep what differs: the
 * shared beginning gives way first ("Continuum 0-24 ans... besoins de base").
 */
function distinctNames(names: readonly string[], max: number): string[] {
  return names.map((name, index) => {
    if (name.length <= max) return name;
    const shared = Math.max(0, ...names.map((other, at) => (at === index ? 0 : sharedStart(name, other))));
    if (shared < 8) return shorten(name, max);
    const head = name.slice(0, shared).replace(SEPARATOR, '');
    const tail = name.slice(shared).replace(/^[\s,;:.–—-]+/, '');
    if (!tail) return shorten(name, max);
    const tailShown = shorten(tail, max);
    const room = max - tailShown.length - 4;
    const headShown = room >= 8 ? shorten(head, room + 3).replace(/\.\.\.$/, '') : '';
    if (!headShown) return tailShown.charAt(0).toLocaleUpperCase() + tailShown.slice(1);
    return headShown !== head ? `${headShown}... ${tailShown}` : `${head}: ${tailShown}`;
  });
}

/**
 * How many leading characters two names share, cut back to where a part of the name ends: after a
 * colon or dash when the shared part has one ("Continuum … Saint-Michel :"), else after a space.
 */
function sharedStart(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  if (length === a.length || length === b.length) return 0;
  const common = a.slice(0, length);
  const part = Math.max(common.lastIndexOf(':') + 1, common.lastIndexOf(' – ') + 2, common.lastIndexOf(' - ') + 2, common.lastIndexOf(' ('));
  if (part > 2) return part;
  const space = common.lastIndexOf(' ');
  return space > 0 ? space + 1 : 0;
}

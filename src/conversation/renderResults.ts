import { translate, type Language } from '../i18n.ts';
import type { DirectoryResult } from '../directory/searchDirectory.ts';
import { smsSegments, toGsm7 } from '../sms/gsm7.ts';
import { describeAges } from './describeAges.ts';
import { ELLIPSIS, shortenText, shortenings } from './shortenText.ts';

/** How a list or a program is shown: SMS aims at two segments (three for details); WhatsApp has room for more. */
export interface RenderOptions {
  language: Language;
  channel: 'sms' | 'whatsapp';
  /** The text of the message around what is rendered here (counted in the budget). */
  around?: string;
}

// A list in two concatenated SMS segments, a program's details in three, each with the question under it.
const LIST_SEGMENTS = 2;
const DETAILS_SEGMENTS = 3;
// Twilio refuses a longer body, on WhatsApp too.
const WHATSAPP_CHARACTERS = 1600;
// On WhatsApp, a list says what each program is in a sentence or two.
const WHATSAPP_ABOUT = 200;
const PLACEHOLDER_PHONE = /^514-555-01\d\d$/;
// A schedule or cost that says nothing yet ("Coût à confirmer.", "Orè a poko konfime."), in the directory's four languages.
const STILL_TO_CONFIRM = /^\S+ (à confirmer|to be confirmed|por confirmar|a poko konfime)\.?$/i;

/**
 * Numbered lines, one per program: name, why it fits, how to reach it. Names that start alike keep
 * the part that tells them apart; a name is cut only between words, never after a small word or a
 * bare number; a program outside the family's neighbourhood always says where it is. On WhatsApp,
 * each line is followed by what the program is, in whole sentences (or up to a clause).
 */
export function renderResultList(results: readonly DirectoryResult[], options: RenderOptions): string {
  const line = (result: DirectoryResult, index: number, name: string, detail: 'all' | 'why' | 'name') => {
    const contact = reach(result, options.language);
    const why = detail === 'name' ? placeHint(result, options.language) : whyItFits(result, options.language);
    const text = why ? `${index + 1}) ${name} (${why}).` : `${index + 1}) ${name}${name.endsWith(ELLIPSIS) ? '' : '.'}`;
    // A number still to confirm is said once, in the details, not on every line.
    return detail === 'all' && contact ? `${text} ${contact}` : text;
  };
  const names = (max: number) => distinctNames(results.map((result) => result.name), max);
  const fits = fitsIn(options, LIST_SEGMENTS);
  if (options.channel === 'whatsapp') {
    const shown = names(200);
    const list = (about: number) =>
      results
        .map((result, index) => [line(result, index, shown[index]!, 'all'), about && shortenText(result.description, { max: about, cut: 'clause' })].filter(Boolean).join('\n'))
        .join('\n\n');
    // Three programs always fit Twilio's limit with their descriptions; a longer page goes without.
    return fits(list(WHATSAPP_ABOUT)) ? list(WHATSAPP_ABOUT) : list(0);
  }
  // Shorter names, then fewer details, until the list leaves room for the lines around it.
  let list = '';
  for (const [nameLength, detail] of [[70, 'all'], [50, 'all'], [38, 'all'], [38, 'why'], [28, 'why'], [38, 'name'], [24, 'name']] as const) {
    const shown = names(nameLength);
    list = results.map((result, index) => line(result, index, shown[index]!, detail)).join('\n');
    if (fits(list)) return list;
  }
  return list;
}

/** The hint under a list: which numbers to reply, and MORE when there are more. */
export function renderListHint(count: number, hasMore: boolean, language: Language): string {
  return translate(language, hasMore ? 'results.hint_more' : 'results.hint_last', { count });
}

/**
 * One program: what it is, for whom and which ages, when, where, cost, how to register. When the
 * message would be too long for the channel, the description and who it is for give way a sentence
 * at a time, then a clause at a time (the description first); a schedule or a cost that only says
 * "to be confirmed" gives way before what the program is; the ages, where, how to register and any
 * known schedule or cost stay: what a parent acts on is kept, and no sentence is cut between two words.
 */
export function renderDetails(result: DirectoryResult, options: RenderOptions): string {
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(options.language, key, vars);
  const schedule = result.schedules.map((item) => item.description).filter(Boolean).join('; ');
  const place = result.locations.map(placeText).join('; ');
  const register = registerText(result, options.language);
  const ages = describeAges(result.ages ?? { min: null, max: null }, options.language);
  const whatsapp = options.channel === 'whatsapp';
  const lines = (description: string, eligibility: string, unknowns = true) =>
    [
      whatsapp ? `${result.name} (${result.organization})` : result.name,
      description,
      eligibility && t('results.detail.who', { text: eligibility }),
      // Said apart unless who it is for already gives the numbers ("enfants de 0 à 5 ans").
      ages && !givesNumbersOf(eligibility, ages) && t('results.detail.ages', { text: ages }),
      schedule && (unknowns || !STILL_TO_CONFIRM.test(schedule)) && t('results.detail.when', { text: schedule }),
      place && t('results.detail.where', { text: place }),
      result.cost && (unknowns || !STILL_TO_CONFIRM.test(result.cost)) && t('results.detail.cost', { text: result.cost }),
      t('results.detail.register', { text: register }),
      // The "ask the team" line already says the details are not verified.
      !result.verified && register !== t('results.reach.ask_team') && t('results.detail.unverified'),
    ]
      .filter(Boolean)
      .join('\n');
  const fits = fitsIn(options, DETAILS_SEGMENTS);
  // Each text's shortenings, longest first: whole sentences, then (cut after a clause) its first clauses, then nothing.
  const cuts = (text: string) => {
    const all = shortenings(text, { cut: 'clause' }).filter(isWorthShowing);
    const sentences = all.filter((cut) => cut !== '' && !cut.endsWith(ELLIPSIS));
    return { sentences, first: sentences.at(-1) ?? '', finer: all.filter((cut) => cut === '' || cut.endsWith(ELLIPSIS)) };
  };
  const description = cuts(result.description);
  const eligibility = cuts(result.eligibility);
  // What gives way, in order: the description's later sentences, then those of who it is for, then a
  // schedule or cost still "to be confirmed" (before what the program is), then the description's first
  // sentence (down to a clause, then nothing), then who it is for (its ages stay).
  type Try = [description: string, eligibility: string, unknowns: boolean];
  const whole: Try[] = [
    ...description.sentences.map((text): Try => [text, eligibility.sentences[0] ?? '', true]),
    ...eligibility.sentences.map((text): Try => [description.first, text, true]),
  ];
  const tries: Try[] = [
    ...whole,
    ...whole.map(([about, who]): Try => [about, who, false]),
    ...description.finer.map((text): Try => [text, eligibility.first, false]),
    ...eligibility.finer.map((text): Try => ['', text, false]),
  ];
  for (const [about, who, unknowns] of tries) {
    const text = lines(about, who, unknowns);
    if (fits(text)) return text;
  }
  return lines('', '', false);
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

/** Whether a directory text already says it is still to be confirmed ("(lieu à confirmer)", "Dates to be confirmed."), in any of the four languages. */
export function saysToConfirm(text: string): boolean {
  return /à confirmer|to be confirmed|por confirmar|poko konfime|pou konfime/i.test(text);
}

/**
 * Where a program is, as a family can use it: the location's address, or its name while the address
 * is missing or still "à confirmer" (the directory keeps that placeholder in French, whatever the language).
 */
export function placeText(location: DirectoryResult['locations'][number]): string {
  return location.address.trim() !== '' && !/à confirmer/i.test(location.address) ? location.address : location.name;
}

/**
 * How to register for a program, in `language`: the program's own words, else how to reach it; a
 * placeholder number (not verified) becomes "write PERSON, the team will help you register".
 */
export function registerText(result: DirectoryResult, language: Language): string {
  const phone = result.contact.phone;
  if (phone && PLACEHOLDER_PHONE.test(phone)) return translate(language, 'results.reach.ask_team');
  return result.howToRegister || reach(result, language) || translate(language, 'results.reach.unconfirmed');
}

/**
 * Shortens each name to `max` characters so that names which start alike ("Continuum 0-24 ans de
 * Saint-Michel : besoins de base" and "… : de l’école à l’âge adulte") keep what differs: the
 * shared beginning gives way first ("Continuum 0-24 ans... besoins de base").
 */
function distinctNames(names: readonly string[], max: number): string[] {
  // A name always shows something: its first word when no cut fits.
  const cut = (text: string, room: number) => shortenText(text, { max: room, cut: 'word' }) || `${text.split(' ')[0]}${ELLIPSIS}`;
  return names.map((name, index) => {
    if (name.length <= max) return name;
    const shared = Math.max(0, ...names.map((other, at) => (at === index ? 0 : sharedStart(name, other))));
    if (shared < 8) return cut(name, max);
    const head = name.slice(0, shared).replace(SEPARATOR, '');
    const tail = name.slice(shared).replace(/^[\s,;:.–—-]+/, '');
    if (!tail) return cut(name, max);
    const tailShown = cut(tail, max);
    const room = max - tailShown.length - 4;
    const headShown = room >= 8 ? shortenText(head, { max: room + ELLIPSIS.length, cut: 'word' }).replace(/\.\.\.$/, '') : '';
    if (!headShown) return tailShown.charAt(0).toLocaleUpperCase() + tailShown.slice(1);
    return headShown !== head ? `${headShown}${ELLIPSIS} ${tailShown}` : `${head}: ${tailShown}`;
  });
}

const SEPARATOR = /[\s,;:.–—-]+$/;

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

/** Whether `text` and the message around it fit the channel: SMS segments as sent (GSM-7 spelling), or WhatsApp's limit. */
function fitsIn(options: RenderOptions, segments: number): (text: string) => boolean {
  const around = options.around ?? '';
  if (options.channel === 'whatsapp') return (text) => text.length + around.length <= WHATSAPP_CHARACTERS;
  return (text) => smsSegments(toGsm7(`${text}${around}`)) <= segments;
}

/** A description cut after a clause says something only with a few words ("Rencontres pour futurs parents..."), not "Police...". */
function isWorthShowing(shortened: string): boolean {
  return !shortened.endsWith(ELLIPSIS) || shortened.split(' ').length >= 4;
}

/** Whether `text` already gives the numbers of `ages` (its 0 aside): "Enfants de 0 à 5 ans" for "0 à 5 ans". */
function givesNumbersOf(text: string, ages: string): boolean {
  const numbers = (ages.match(/\d+/g) ?? []).filter((number) => number !== '0');
  return numbers.every((number) => new RegExp(`(^|[^\\d])${number}([^\\d]|$)`).test(text));
}

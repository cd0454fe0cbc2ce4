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

/** Numbered lines, one per program: name, why it fits, how to reach it. */
export function renderResultList(results: readonly DirectoryResult[], options: RenderOptions): string {
  const line = (result: DirectoryResult, index: number, nameLength: number, detail: 'all' | 'why' | 'name') => {
    const contact = reach(result, options.language);
    const name = shorten(result.name, nameLength);
    const why = detail === 'name' ? '' : whyItFits(result, options.language);
    const text = why ? `${index + 1}) ${name} (${why}).` : `${index + 1}) ${name}.`;
    // A number still to confirm is said once, in the details, not on every line.
    return detail === 'all' && contact ? `${text} ${contact}` : text;
  };
  if (options.channel === 'whatsapp') {
    return results.map((result, index) => `${line(result, index, 200, 'all')}\n${shorten(firstSentence(result.description), 160)}`).join('\n\n');
  }
  // Shorter names, then fewer details, until the list leaves room for the lines around it.
  const budget = SMS_CHARACTERS - toGsm7(options.around ?? '').length;
  let list = '';
  for (const [nameLength, detail] of [[70, 'all'], [50, 'all'], [38, 'all'], [38, 'why'], [28, 'why'], [38, 'name'], [24, 'name']] as const) {
    list = results.map((result, index) => line(result, index, nameLength, detail)).join('\n');
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

/** Cuts at a word boundary with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 3));
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}...`;
}

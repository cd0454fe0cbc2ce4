import { translate, type Language } from '../i18n.ts';
import type { DirectoryResult } from '../directory/searchDirectory.ts';
import { smsSegments, toGsm7 } from '../sms/gsm7.ts';

/** How a list or a program is shown: SMS aims at two segments; WhatsApp has room for more. */
export interface RenderOptions {
  language: Language;
  channel: 'sms' | 'whatsapp';
}

const SMS_SEGMENTS = 2;
const PLACEHOLDER_PHONE = /^514-555-01\d\d$/;

/** Numbered lines, one per program: name, why it fits, how to reach it. */
export function renderResultList(results: readonly DirectoryResult[], options: RenderOptions): string {
  const line = (result: DirectoryResult, index: number, nameLength: number) =>
    translate(options.language, 'results.item', {
      n: index + 1,
      name: shorten(result.name, nameLength),
      why: whyItFits(result, options.language),
      reach: reach(result, options.language),
    });
  if (options.channel === 'whatsapp') {
    return results.map((result, index) => `${line(result, index, 200)}\n${shorten(firstSentence(result.description), 160)}`).join('\n\n');
  }
  // Shorter names until the list leaves room for the lines around it.
  for (const nameLength of [70, 50, 38, 28]) {
    const list = results.map((result, index) => line(result, index, nameLength)).join('\n');
    if (smsSegments(toGsm7(list)) <= SMS_SEGMENTS && toGsm7(list).length <= 240) return list;
  }
  return results.map((result, index) => line(result, index, 24)).join('\n');
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
  const lines = (description: string) =>
    [
      `${result.name} (${result.organization})`,
      description,
      schedule && t('results.detail.when', { text: schedule }),
      place && t('results.detail.where', { text: place }),
      result.cost && t('results.detail.cost', { text: result.cost }),
      t('results.detail.register', { text: registerText(result, options.language) }),
      !result.verified && t('results.detail.unverified'),
    ]
      .filter(Boolean)
      .join('\n');
  if (options.channel === 'whatsapp') return lines(result.description);
  // SMS: the description gives way first, then the schedule and place lines go.
  for (const length of [400, 200, 120, 60, 0]) {
    const text = lines(length === 0 ? '' : shorten(result.description, length));
    if (smsSegments(toGsm7(text)) <= SMS_SEGMENTS + 1) return text;
  }
  return lines('');
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

/** A real number or web address, or "to be confirmed": a placeholder number is never shown as real. */
function reach(result: DirectoryResult, language: Language): string {
  const phone = result.contact.phone;
  if (phone && !PLACEHOLDER_PHONE.test(phone)) return translate(language, 'results.reach.phone', { phone });
  if (result.contact.url) return result.contact.url;
  if (result.contact.email) return result.contact.email;
  return translate(language, 'results.reach.unconfirmed');
}

function registerText(result: DirectoryResult, language: Language): string {
  const phone = result.contact.phone;
  if (phone && PLACEHOLDER_PHONE.test(phone)) return translate(language, 'results.reach.ask_team');
  return result.howToRegister || reach(result, language);
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

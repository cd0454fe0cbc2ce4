// The console's strings (locales/<lng>/console.json, served as /console/strings.json) and formats.
// A tiny subset of i18next: `{{name}}` interpolation and `_one`/`_other` plural keys.
/* global document, fetch, localStorage */

export const UI_LANGUAGES = ['fr', 'en', 'es', 'ht'];
const STORAGE_KEY = 'bienvenue.console.language';
// Intl has no Haitian Creole data: times and dates use Quebec French formats (24 h, YYYY-MM-DD).
const INTL_LOCALES = { fr: 'fr-CA', en: 'en-CA', es: 'es', ht: 'fr-CA' };

let strings = {};
let uiLanguage = 'fr';

export async function loadStrings() {
  const response = await fetch('/console/strings.json', { credentials: 'same-origin' });
  if (!response.ok) throw new Error('strings.json: ' + response.status);
  strings = await response.json();
}

/** The language the worker chose last time on this browser, else French. */
export function savedUiLanguage() {
  let saved = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (private mode): French it is.
  }
  return UI_LANGUAGES.includes(saved) ? saved : 'fr';
}

export function setUiLanguage(language) {
  uiLanguage = UI_LANGUAGES.includes(language) ? language : 'fr';
  document.documentElement.lang = uiLanguage;
  try {
    localStorage.setItem(STORAGE_KEY, uiLanguage);
  } catch {
    // Not remembered; still applied.
  }
}

export function getUiLanguage() {
  return uiLanguage;
}

function lookup(language, key) {
  let node = strings[language];
  for (const part of key.split('.')) node = node && typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

function interpolate(text, vars) {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name) => (vars[name] === undefined ? whole : String(vars[name])));
}

/** `key` in `language` (French, then the key itself, when missing), with `{{vars}}` filled. */
export function translateIn(language, key, vars = {}) {
  const count = typeof vars.count === 'number' ? vars.count : undefined;
  let text;
  if (count !== undefined) {
    const rule = new Intl.PluralRules(INTL_LOCALES[language] ?? 'fr-CA').select(count);
    text = lookup(language, `${key}_${rule}`) ?? lookup(language, `${key}_other`);
  }
  text ??= lookup(language, key) ?? lookup('fr', key) ?? key;
  return interpolate(text, vars);
}

/** `key` in the console's language. */
export function t(key, vars) {
  return translateIn(uiLanguage, key, vars);
}

/** Whether the strings have `key` in `language`. */
export function hasKey(language, key) {
  return lookup(language, key) !== undefined;
}

/** The quick replies' ids, in the order of the French file. */
export function quickReplyIds() {
  return Object.keys(strings.fr?.quick ?? {});
}

/** Fills `[data-i18n]` text and `[data-i18n-aria-label]`/`[data-i18n-placeholder]` attributes. */
export function applyStaticStrings(root = document) {
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of root.querySelectorAll('[data-i18n-aria-label]')) element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
  for (const element of root.querySelectorAll('[data-i18n-placeholder]')) element.setAttribute('placeholder', t(element.dataset.i18nPlaceholder));
}

/** "12 min", "1 h 05 min", "3 jours": how long since `iso`. */
export function formatDuration(iso, now = Date.now()) {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (!Number.isFinite(minutes)) return '';
  if (minutes < 1) return t('ui.age.less_than_minute');
  if (minutes < 60) return t('ui.age.minutes', { count: minutes });
  if (minutes < 24 * 60) return t('ui.age.hours', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
  return t('ui.age.days', { count: Math.floor(minutes / (24 * 60)) });
}

/** A time of day, with the date when it is not today. */
export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const locale = INTL_LOCALES[uiLanguage];
  const time = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === new Date().toDateString()) return time;
  return date.toLocaleDateString(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }) + ' ' + time;
}

/** A date and time, always with the date (the audit log spans days). */
export function formatDateTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const locale = INTL_LOCALES[uiLanguage];
  return date.toLocaleDateString(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }) + ' ' + date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

/** A 'YYYY-MM-DD' date as is: unambiguous in every language. */
export function formatDate(ymd) {
  return /^\d{4}-\d{2}-\d{2}$/.test(ymd ?? '') ? ymd : '';
}

/** A child's age: months under 2 years ("18 mois"), else years and months ("3 ans et 4 mois"). */
export function formatChildAge(months) {
  if (!Number.isFinite(months) || months < 0) return t('ui.profile.unknown');
  if (months < 24) return t('ui.child_age.months', { count: months });
  const years = t('ui.child_age.years', { count: Math.floor(months / 12) });
  if (months % 12 === 0) return years;
  return t('ui.child_age.years_months', { years, months: t('ui.child_age.months', { count: months % 12 }) });
}

/** A language's name in the console's language ("Créole haïtien"). */
export function languageName(language) {
  return hasKey(uiLanguage, `ui.language.${language}`) ? t(`ui.language.${language}`) : String(language ?? '').toUpperCase();
}

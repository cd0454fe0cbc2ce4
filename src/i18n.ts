import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TOptions } from 'i18next';

import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './domain/languages.ts';

export { LANGUAGES, DEFAULT_LANGUAGE, isLanguage, type Language } from './domain/languages.ts';

export const LOCALES_DIR = fileURLToPath(new URL('../locales', import.meta.url));

/** Reads locales/<lng>/<namespace>.json for every language. */
export function loadLocaleResources(dir: string = LOCALES_DIR): Record<string, Record<string, object>> {
  const resources: Record<string, Record<string, object>> = {};
  for (const lng of LANGUAGES) {
    resources[lng] = {};
    for (const file of readdirSync(path.join(dir, lng)).filter((name) => name.endsWith('.json'))) {
      resources[lng][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(path.join(dir, lng, file), 'utf8')) as object;
    }
  }
  return resources;
}

const resources = loadLocaleResources();
const namespaces = Object.keys(resources[DEFAULT_LANGUAGE] ?? {});

const i18n = i18next.createInstance();
void i18n.init({
  resources,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  ns: namespaces,
  defaultNS: 'bot',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Renders `key` ("bot:welcome.menu" or "welcome.menu") in `lng`. */
export function translate(lng: Language, key: string, options: TOptions = {}): string {
  return i18n.t(key, { ...options, lng });
}

/** Whether `key` names a string (used to tell i18n keys from literal text in replies). */
export function isTranslationKey(key: string): boolean {
  return i18n.exists(key, { lng: DEFAULT_LANGUAGE });
}

/** One namespace's strings in every language, `{ fr: {...}, en: ..., es: ..., ht: ... }`, as loaded at start. */
export function namespaceInAllLanguages(namespace: string): Record<Language, object> {
  return Object.fromEntries(LANGUAGES.map((language) => [language, resources[language]?.[namespace] ?? {}])) as Record<Language, object>;
}

/** Whether `key` has its own text in `language` (no fallback to French). */
export function localeHasKey(language: string, key: string): boolean {
  const [namespace, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['bot', key];
  let node: unknown = resources[language]?.[namespace];
  for (const part of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' && node.trim() !== '';
}

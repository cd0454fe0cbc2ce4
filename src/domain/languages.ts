/** The languages the bot speaks, in the order its menus number them; French is the default. */
export const LANGUAGES = ['fr', 'en', 'es', 'ht'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';

/** Whether a value is one of `LANGUAGES` (a stored column, a form field, a directory key). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

import { describe, expect, it } from 'vitest';
import { LANGUAGES, loadLocaleResources, translate } from '../../src/i18n.ts';

const resources = loadLocaleResources();

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('locales', () => {
  const namespaces = Object.keys(resources.fr!);

  it.each(namespaces)('namespace %s has the same keys in all four languages', (namespace) => {
    const reference = keysOf(resources.fr![namespace]).sort();
    for (const language of LANGUAGES) {
      expect(keysOf(resources[language]![namespace]).sort(), `${language}/${namespace}`).toEqual(reference);
    }
  });

  it('has no empty string', () => {
    for (const language of LANGUAGES) {
      for (const namespace of namespaces) {
        for (const key of keysOf(resources[language]![namespace])) {
          expect(translate(language, `${namespace}:${key}`).trim(), `${language} ${namespace}:${key}`).not.toBe('');
        }
      }
    }
  });

  it('renders in the requested language', () => {
    expect(translate('es', 'welcome.language_set')).toMatch(/^Perfecto/);
    expect(translate('ht', 'welcome.language_set')).toMatch(/kreyòl/);
  });
});

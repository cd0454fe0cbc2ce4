import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DirectoryResult, Place } from '../../src/directory/searchDirectory.ts';
import { renderResultList } from '../../src/conversation/renderResults.ts';
import { translate, type Language } from '../../src/i18n.ts';
import { LANGUAGES } from '../../src/directory/seedSchema.ts';

// Issue 11, kind 7: list lines never look the same, names are never cut mid-word, and a program
// shows its neighbourhood when it is not the family's.
const seed = JSON.parse(readFileSync(new URL('../../prisma/seed/directory.json', import.meta.url), 'utf8')) as {
  services: { id: string; name: Record<Language, string>; description: Record<Language, string> }[];
};
const service = (id: string) => seed.services.find((item) => item.id === id)!;

function result(id: string, language: Language, why: { place: Place; neighbourhood: string | null; age?: DirectoryResult['why']['age'] }, phone: string | null = null): DirectoryResult {
  const record = service(id);
  return {
    id,
    textLanguage: language,
    name: record.name[language],
    description: record.description[language],
    eligibility: '',
    cost: '',
    howToRegister: '',
    organization: 'Organisme',
    contact: { phone, email: null, url: null },
    locations: [],
    schedules: [],
    languages: ['fr'],
    free: false,
    verified: false,
    why: { need: null, age: why.age ?? 'in_range', pregnancy: false, place: why.place, neighbourhood: why.neighbourhood, language: true },
  };
}

/** The text of each numbered line, without its number. */
const lines = (list: string) => list.split('\n').filter((line) => /^\d\) /.test(line)).map((line) => line.replace(/^\d\) /, ''));
const around = (language: Language) => translate(language, 'results.page', { list: '', hint: translate(language, 'results.hint_more', { count: 3 }) });

describe.each(LANGUAGES)('list lines in %s', (language) => {
  it.each(['sms', 'whatsapp'] as const)('two programs whose names start alike read differently (%s)', (channel) => {
    // A 14-year-old in Saint-Michel: the continuum's "basic needs" and "from school to adulthood".
    const results = ['sm-continuum-besoins-de-base', 'sm-continuum-6-24-ans', 'sm-continuum-grossesse-entree-scolaire'].map((id) =>
      result(id, language, { place: 'exact', neighbourhood: 'Saint-Michel' }),
    );
    const shown = lines(renderResultList(results, { language, channel, around: around(language) }));
    expect(shown).toHaveLength(3);
    expect(new Set(shown).size).toBe(3);
    // The part after the shared "Continuum 0-24 ans de Saint-Michel :" survives on every line.
    for (const [index, line] of shown.entries()) {
      const distinct = results[index]!.name.split(':').pop()!.trim().split(/\s+/)[0]!;
      expect(line.toLowerCase(), line).toContain(distinct.toLowerCase());
    }
  });

  it.each(['sms', 'whatsapp'] as const)('never cuts a word, nor ends a name on "...." (%s)', (channel) => {
    const ids = ['lpp-accompagnement-hebergement-supervise', 'lpp-atelier-prenatal-parentage-proximal-massage-bebe', 'qc-haltes-garderies-communautaires'];
    const results = ids.map((id) => result(id, language, { place: 'adjacent', neighbourhood: 'La Petite-Patrie' }, '514-555-0101'));
    const list = renderResultList(results, { language, channel, around: `${around(language)}${'x'.repeat(120)}` });
    expect(list).not.toContain('....');
    for (const [index, line] of lines(list).entries()) {
      const name = results[index]!.name;
      const words = new Set(name.split(/[\s]+/).map((word) => word.replace(/[.,;:()]+$/, '')));
      const shownName = line.split(' (')[0]!.replace(/\.$/, '');
      for (const piece of shownName.split('...').flatMap((part) => part.trim().split(/\s+/)).filter(Boolean)) {
        expect(words.has(piece.replace(/[.,;:()]+$/, '')) || words.has(piece), `"${piece}" in "${line}" (from "${name}")`).toBe(true);
      }
    }
  });

  it.each(['sms', 'whatsapp'] as const)('shows a program’s neighbourhood when it is not the family’s, however short the lines (%s)', (channel) => {
    const results = [
      result('sh-halte-allaitement', language, { place: 'other', neighbourhood: 'Saint-Henri' }),
      result('lpp-jumelage-allaitement', language, { place: 'adjacent', neighbourhood: 'La Petite-Patrie' }),
      result('sm-soutien-entre-pairs', language, { place: 'exact', neighbourhood: 'Saint-Michel' }),
    ];
    // A long message around the list leaves room for names only.
    const list = renderResultList(results, { language, channel, around: `${around(language)}${'x'.repeat(200)}` });
    const shown = lines(list);
    expect(shown[0]).toContain('Saint-Henri');
    expect(shown[1]).toContain('La Petite-Patrie');
  });
});

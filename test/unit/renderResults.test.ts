import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DirectoryResult, Place } from '../../src/directory/searchDirectory.ts';
import { renderDetails, renderResultList } from '../../src/conversation/renderResults.ts';
import { translate, type Language } from '../../src/i18n.ts';
import { LANGUAGES } from '../../src/directory/seedSchema.ts';
import { smsSegments, toGsm7 } from '../../src/sms/gsm7.ts';
import { seedResults } from '../support/seedResults.ts';

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

// The tester's report: details cut mid-sentence, right at the ages, and never saying who a program is for.
describe('a program’s details', () => {
  const program = (id: string, language: Language) => seedResults(language).find((result) => result.id === id)!;
  const question = (language: Language) => translate(language, 'results.details', { details: '' });
  const details = (id: string, language: Language, channel: 'sms' | 'whatsapp', around = question(language)) =>
    renderDetails(program(id, language), { language, channel, around });

  it('say who the program is for, and its ages when that text does not give them', () => {
    expect(details('sh-passage-a-l-ecole', 'fr', 'sms')).toContain('Pour qui: Enfants qui vont bientôt commencer l’école, à Saint-Henri et Petite-Bourgogne.\nÂges: 0 à 5 ans\n');
    expect(details('lpp-marrainage-pre-per-postnatal', 'en', 'sms')).toContain('For: Pregnant women and mothers of a newborn.\nAges: 0 to 3 months\n');
    // "Enfants de 0 à 5 ans" already says it: no "Âges" line.
    const livreMoi = details('sh-livre-moi', 'fr', 'sms');
    expect(livreMoi).toContain('Pour qui: Enfants de 0 à 5 ans et leurs parents, à Saint-Henri et Petite-Bourgogne.');
    expect(livreMoi).not.toContain('Âges:');
  });

  it('by SMS, keep the description’s first sentence whole when the second does not fit', () => {
    const text = details('lpp-ateliers-petits-pas-vers-l-ecole', 'fr', 'sms');
    expect(text).toContain('\nAteliers pour les enfants de 3 ans et demi à 5 ans qui ne vont pas à la garderie.\n');
    expect(text).not.toContain('...');
    expect(smsSegments(toGsm7(`${text}${question('fr')}`))).toBeLessThanOrEqual(3);
  });

  it('by SMS, keep what a program is whole rather than a schedule and a cost still to be confirmed', () => {
    const text = details('lpp-atelier-prenatal-parentage-proximal-massage-bebe', 'fr', 'sms');
    expect(text).toContain('\nRencontres pour futurs parents : information, jeux, discussions et exercices sur le lien avec bébé.\n');
    expect(text).not.toContain('Quand: Horaire à confirmer.');
    expect(text).not.toContain('Coût: Coût à confirmer.');
    expect(text).toContain('\nOù: Organisme famille, La Petite-Patrie');
  });

  it('by SMS, with room enough, still say that the schedule and the cost are to be confirmed', () => {
    const text = details('lpp-ateliers-petits-pas-vers-l-ecole', 'en', 'sms');
    expect(text).toContain('\nWhen: Schedule to be confirmed.\n');
    expect(text).toContain('\nCost: Cost to be confirmed.\n');
  });

  it('by SMS, with no room for the description, still say the ages, where and how to register', () => {
    const text = details('sh-passage-a-l-ecole', 'es', 'sms', `${question('es')}${'x'.repeat(150)}`);
    expect(text.split('\n')).toEqual([
      'Passage à l’école (paso a la escuela)',
      'Edades: 0 a 5 años',
      'Dónde: Organizaciones para familias de Saint-Henri/Petite-Bourgogne (lugar por confirmar)',
      'Inscripción: Contacto aún no verificado: escriba UNA PERSONA y el equipo le ayudará a inscribirse.',
    ]);
  });

  it('by WhatsApp, give the whole description and the organization', () => {
    const result = program('tal-droits-locataires', 'ht');
    const text = details('tal-droits-locataires', 'ht', 'whatsapp');
    expect(text.split('\n')[0]).toBe(`${result.name} (${result.organization})`);
    expect(text).toContain(`\n${result.description}\n`);
  });

  it('render a program kept in a conversation from before programs had ages', () => {
    const { ages: _ages, ...kept } = program('sh-livre-moi', 'fr');
    expect(renderDetails(kept, { language: 'fr', channel: 'sms', around: question('fr') })).toContain('Pour qui: Enfants de 0 à 5 ans');
  });
});


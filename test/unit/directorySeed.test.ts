import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ADDRESS_PLACEHOLDER,
  LANGUAGES,
  PLACEHOLDER_PHONE,
  SERVICE_TERMS,
  directorySeedSchema,
} from '../../src/directory/seedSchema.ts';
import type { DirectorySeed, Localized } from '../../src/directory/seedSchema.ts';
import { NEEDS } from '../../src/domain/needs.ts';

const seedPath = fileURLToPath(new URL('../../prisma/seed/directory.json', import.meta.url));
const seedsDir = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const raw: unknown = JSON.parse(readFileSync(seedPath, 'utf8'));
const parsed = directorySeedSchema.safeParse(raw);
// On a schema error the first test lists the issues; the others then run on an empty seed.
const seed: DirectorySeed = parsed.success ? parsed.data : { version: 1, organizations: [], services: [], locations: [], schedules: [] };

function isLocalized(value: unknown): value is Localized {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && LANGUAGES.every((l) => l in value);
}

/** Every localized text of the seed, with where it is. */
function localizedTexts(value: unknown, path: string): [string, Localized][] {
  if (isLocalized(value)) return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => localizedTexts(item, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => localizedTexts(child, path ? `${path}.${key}` : key));
  }
  return [];
}

describe('directory seed', () => {
  it('parses with the schema', () => {
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(seed.services.length).toBeGreaterThan(40);
  });

  it('has unique ids in every collection', () => {
    for (const key of ['organizations', 'services', 'locations', 'schedules'] as const) {
      const ids = seed[key].map((row) => row.id);
      expect(new Set(ids).size, key).toBe(ids.length);
    }
  });

  it('references existing organizations, locations and services', () => {
    const organizations = new Set(seed.organizations.map((o) => o.id));
    const locations = new Set(seed.locations.map((l) => l.id));
    const services = new Set(seed.services.map((s) => s.id));
    for (const service of seed.services) {
      expect(organizations.has(service.organization_id), service.id).toBe(true);
      for (const id of service.location_ids) expect(locations.has(id), `${service.id} → ${id}`).toBe(true);
    }
    for (const location of seed.locations) expect(organizations.has(location.organization_id), location.id).toBe(true);
    for (const schedule of seed.schedules) expect(services.has(schedule.service_id), schedule.id).toBe(true);
  });

  it('has every text in the four languages, none empty', () => {
    const texts = localizedTexts(seed, '');
    expect(texts.length).toBeGreaterThan(300);
    for (const [path, text] of texts) {
      for (const language of LANGUAGES) expect(text[language].trim(), `${path}.${language}`).not.toBe('');
    }
    for (const service of seed.services) {
      for (const field of ['name', 'description', 'eligibility_text', 'cost', 'how_to_register'] as const) {
        expect(Object.keys(service[field]).sort(), `${service.id}.${field}`).toEqual([...LANGUAGES].sort());
      }
    }
  });

  it('does not leave the French text in the other languages', () => {
    for (const service of seed.services) {
      for (const language of ['en', 'es', 'ht'] as const) {
        expect(service.description[language], `${service.id}.description.${language}`).not.toBe(service.description.fr);
        expect(service.eligibility_text[language], `${service.id}.eligibility_text.${language}`).not.toBe(service.eligibility_text.fr);
      }
    }
  });

  it('keeps descriptions short enough for SMS', () => {
    for (const service of seed.services) {
      for (const language of LANGUAGES) {
        expect(service.description[language].length, `${service.id}.${language}`).toBeLessThanOrEqual(260);
      }
    }
  });

  it('marks every placeholder as unverified', () => {
    for (const service of seed.services) {
      if (service.contact?.phone !== undefined && PLACEHOLDER_PHONE.test(service.contact.phone)) {
        expect(service.verified, service.id).toBe(false);
        expect(service.unverified, service.id).toContain('contact.phone');
        for (const language of LANGUAGES) expect(service.how_to_register[language], `${service.id}.${language}`).toContain(service.contact.phone);
      }
    }
    for (const location of seed.locations) {
      if (location.address === ADDRESS_PLACEHOLDER) expect(location.verified, location.id).toBe(false);
    }
    for (const organization of seed.organizations) {
      if (/à confirmer/.test(organization.name.fr)) expect(organization.verified, organization.id).toBe(false);
    }
    // Families get a way in: a phone (real or placeholder) or a registration text, and a schedule.
    const scheduled = new Set(seed.schedules.map((s) => s.service_id));
    for (const service of seed.services.filter((s) => s.audience === 'families')) {
      expect(scheduled.has(service.id), service.id).toBe(true);
    }
  });

  it('tags family services in Montréal with known needs and a language', () => {
    for (const service of seed.services.filter((s) => s.audience === 'families' && s.coverage !== 'elsewhere')) {
      expect(service.needs.length, service.id).toBeGreaterThan(0);
      for (const need of service.needs) expect(SERVICE_TERMS).toContain(need);
      expect(service.languages.length, service.id).toBeGreaterThan(0);
    }
    for (const need of NEEDS) {
      const found = seed.services.filter((s) => s.audience === 'families' && s.coverage !== 'elsewhere' && s.needs.includes(need));
      expect(found.length, need).toBeGreaterThan(0);
    }
  });

  it.skipIf(!existsSync(seedsDir))('quotes each source verbatim from its seed document', () => {
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
    const files = new Map<string, string[]>();
    const lineOf = (file: string, line: number) => {
      if (!files.has(file)) files.set(file, readFileSync(`${seedsDir}${file}`, 'utf8').split('\n'));
      return squash(files.get(file)?.[line - 1] ?? '');
    };
    for (const record of [...seed.organizations, ...seed.services, ...seed.locations]) {
      const source = record.source;
      // Records from an official public page cite it instead (checked below).
      if (!('file' in source)) continue;
      expect(lineOf(source.file, source.line), `${record.id}: ${source.quote}`).toContain(squash(source.quote));
    }
  });

  it('cites in SOURCES.md the official page of every record taken from the web', () => {
    const sources = readFileSync(fileURLToPath(new URL('../../prisma/seed/SOURCES.md', import.meta.url)), 'utf8');
    const pages = [...seed.organizations, ...seed.services].flatMap((record) => ('url' in record.source ? [[record.id, record.source.url] as const] : []));
    expect(pages.length).toBeGreaterThan(0);
    for (const [id, url] of pages) {
      expect(url, id).toMatch(/^https:\/\//);
      expect(sources, id).toContain(`\`${id}\``);
      expect(sources, id).toContain(url);
    }
  });

  it('covers every program the seed documents name', () => {
    const ids = new Set(seed.services.map((s) => s.id));
    const checklist = [
      // Crisis lines (issue 10), from the official pages of the bodies that run them
      'crise-911',
      'crise-sos-violence-conjugale',
      'crise-988',
      'crise-dpj-montreal',
      'crise-info-sante-info-social-811',
      'crise-centre-antipoison',
      'crise-ligne-parents',
      // 000 — La Petite-Patrie action plan
      'lpp-ateliers-petits-pas-vers-l-ecole',
      'lpp-camp-parents-enfants-milieu-urbain',
      'lpp-sejour-evasion-familiale',
      'lpp-atelier-prenatal-parentage-proximal-massage-bebe',
      'lpp-jumelage-allaitement',
      'lpp-marrainage-pre-per-postnatal',
      'lpp-famille-en-fete',
      'lpp-reseautage-rentree-scolaire',
      'lpp-accompagnement-familles-hispanophones',
      'lpp-accompagnement-hebergement-supervise',
      'lpp-accompagnement-familles-haitiennes',
      'lpp-logement-social',
      'lpp-places-reservees-cpe',
      'lpp-qualite-services-cpe',
      'lpp-comite-bienvenue-la-famille',
      'lpp-coordination-plan-action',
      'lpp-formations-echanges-reseau',
      'lpp-coordination-dossiers-petite-enfance',
      'lpp-recherche-financement',
      'lpp-vigie-politique',
      // 002 — Saint-Michel 0-24 continuum
      'sm-continuum-besoins-de-base',
      'sm-continuum-grossesse-entree-scolaire',
      'sm-continuum-6-24-ans',
      'sm-parents-ambassadeurs',
      'sm-soutien-entre-pairs',
      'sm-collaboration-partenaires',
      'sm-centre-integre-enfance',
      'sm-transition-apres-17-ans',
      // 004 — Saint-Henri/Petite-Bourgogne with the CLSC
      'sh-cours-prenataux',
      'sh-ateliers-stimulation',
      'sh-halte-allaitement',
      'sh-visite-postnatale-suivi',
      'sh-aide-place-garde',
      'sh-orthophonie-psychoeducation',
      'sh-passage-a-l-ecole',
      'sh-livre-moi',
      'sh-formation-intervenants',
      'sh-plan-action-strategique',
      // 003 — Montréal early-childhood round tables
      'mtl-action-concertee-petite-enfance',
      // 001 — province-wide projects
      'qc-halte-garderie-du-coeur',
      'qc-jeux-d-enfants',
      'qc-1000-jours-pour-savourer-la-vie',
      'qc-ma-famille-ma-communaute',
      'qc-la-maison-bleue',
      'qc-pediatrie-sociale-en-communaute',
      'qc-orthophonie-communautaire',
      'qc-petite-enfance-grande-importance',
      'qc-portes-par-la-qualite',
      'qc-municipalite-et-tout-petits',
      'sm-evaluation-plan-integre-quartier',
      'qc-constellation-horizon-0-5',
      'qc-projet-agora',
      'qc-haltes-garderies-communautaires',
      'qc-entente-premieres-nations',
      'qc-mamu-atussetau',
      'qc-maisons-de-la-famille-nunavik',
      'qc-abinodjic',
      'qc-maamuu-uhpichinaausuutaau',
      // Public city- and province-wide bodies, from their official sites (social housing, French classes)
      'omhm-logement-hlm',
      'fechimm-cooperatives-habitation',
      'shq-logement-social-abordable',
      'tal-droits-locataires',
      'clpp-comite-logement',
      'sm-comite-logement',
      'popir-comite-logement',
      'francisation-quebec-cours',
      // Food and other basic needs: the 211 referral line, from its official site
      '211-grand-montreal-besoins-de-base',
    ];
    expect(checklist.filter((id) => !ids.has(id))).toEqual([]);
    expect([...ids].filter((id) => !checklist.includes(id)), 'services missing from this checklist').toEqual([]);
  });

  it('never offers a partner goal of an action plan as a program (issue 11)', () => {
    // "Augmentation du logement social…" is what partners aim at, not a service a parent can use.
    const goal = /^(augmentation|maintien|amélioration|développement|soutenir|soutien aux|favoriser|renforcer|consolider|coordination|promotion|recherche|vigie|évaluation)\b/i;
    for (const service of seed.services.filter((s) => s.audience === 'families')) {
      expect(service.source_name, service.id).not.toMatch(goal);
      expect(service.name.fr, service.id).not.toMatch(goal);
    }
    expect(seed.services.find((s) => s.id === 'lpp-logement-social')?.audience).toBe('partners');
  });

  it('cites the official page of every record that comes from no seed document, in SOURCES.md too', () => {
    const sources = readFileSync(new URL('../../prisma/seed/SOURCES.md', import.meta.url), 'utf8');
    for (const record of [...seed.organizations, ...seed.services]) {
      if ('file' in record.source) continue;
      expect(record.source.url, record.id).toMatch(/^https:\/\//);
      expect(sources, `${record.id} in SOURCES.md`).toContain(`\`${record.id}\``);
      expect(sources, `${record.source.url} in SOURCES.md`).toContain(record.source.url);
    }
    // A contact detail no source gives is a visible placeholder and the record says so. Crisis lines
    // are the exception: public emergency numbers, verified, each with its official page in SOURCES.md.
    for (const service of seed.services.filter((s) => !('file' in s.source) && !s.needs.some((need) => need.startsWith('crisis_')))) {
      if (service.contact?.phone) expect(service.verified, service.id).toBe(false);
    }
  });

  it('answers the needs the brief names with a family service', () => {
    const byId = new Map(seed.services.map((s) => [s.id, s]));
    const expectations: [string, string][] = [
      ['lpp-ateliers-petits-pas-vers-l-ecole', 'school_readiness'],
      ['lpp-camp-parents-enfants-milieu-urbain', 'camp'],
      ['lpp-sejour-evasion-familiale', 'camp'],
      ['lpp-atelier-prenatal-parentage-proximal-massage-bebe', 'prenatal'],
      ['lpp-jumelage-allaitement', 'breastfeeding'],
      ['lpp-marrainage-pre-per-postnatal', 'prenatal'],
      ['lpp-famille-en-fete', 'events'],
      ['lpp-accompagnement-familles-hispanophones', 'newcomer'],
      ['lpp-accompagnement-familles-haitiennes', 'newcomer'],
      ['omhm-logement-hlm', 'housing'],
      ['fechimm-cooperatives-habitation', 'housing'],
      ['shq-logement-social-abordable', 'housing'],
      ['tal-droits-locataires', 'housing'],
      ['clpp-comite-logement', 'housing'],
      ['sm-comite-logement', 'housing'],
      ['popir-comite-logement', 'housing'],
      ['francisation-quebec-cours', 'newcomer'],
      ['lpp-places-reservees-cpe', 'childcare'],
      ['lpp-comite-bienvenue-la-famille', 'newcomer'],
      ['sm-continuum-besoins-de-base', 'basic_needs'],
      ['211-grand-montreal-besoins-de-base', 'basic_needs'],
      ['sh-cours-prenataux', 'prenatal'],
      ['sh-halte-allaitement', 'breastfeeding'],
      ['sh-ateliers-stimulation', 'school_readiness'],
      ['qc-la-maison-bleue', 'prenatal'],
      ['qc-haltes-garderies-communautaires', 'childcare'],
    ];
    for (const [id, need] of expectations) {
      const service = byId.get(id);
      expect(service?.audience, id).toBe('families');
      expect(service?.needs, id).toContain(need);
    }
    expect(byId.get('lpp-accompagnement-familles-hispanophones')?.languages).toContain('es');
    expect(byId.get('lpp-accompagnement-familles-haitiennes')?.languages).toContain('ht');
    expect(byId.get('lpp-famille-en-fete')?.free).toBe(true);
  });
});

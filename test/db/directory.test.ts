import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/Database.ts';
import { searchDirectory } from '../../src/directory/searchDirectory.ts';
import type { DirectoryQuery, Place } from '../../src/directory/searchDirectory.ts';
import { readDirectorySeed, seedDirectory, seedDirectoryIfEmpty } from '../../src/directory/seedDirectory.ts';
import { LANGUAGES, isCrisisLine } from '../../src/directory/seedSchema.ts';
import type { DirectorySeed } from '../../src/directory/seedSchema.ts';
import { useTestDatabase } from '../support/testDatabase.ts';

let db: Database;
let seed: DirectorySeed;

useTestDatabase((opened) => {
  db = opened;
});

beforeAll(async () => {
  seed = await readDirectorySeed();
});

const search = (query: Partial<DirectoryQuery>) => searchDirectory(db, { need: 'prenatal', language: 'fr', limit: 50, ...query }, { maxStalenessMs: 0 });
const ids = (results: { id: string }[]) => results.map((result) => result.id);

describe('seeding the directory', () => {
  it('loads every record of the seed on first start, and a second seeding changes nothing', async () => {
    expect(await seedDirectoryIfEmpty(db)).toBe(true);
    const services = await db.prisma.directoryService.findMany({ include: { texts: true, locations: true, schedules: true }, orderBy: { id: 'asc' } });
    expect(services.map((s) => s.id)).toEqual(seed.services.map((s) => s.id).sort());
    expect(services.every((s) => s.texts.length === 4 && s.fromSeed)).toBe(true);
    expect(await db.prisma.organization.count()).toBe(seed.organizations.length);
    expect(await db.prisma.location.count()).toBe(seed.locations.length);
    expect(await db.prisma.schedule.count()).toBe(seed.schedules.length);
    expect(await db.prisma.serviceLocation.count()).toBe(seed.services.reduce((n, s) => n + s.location_ids.length, 0));
    const maisonBleue = services.find((s) => s.id === 'qc-la-maison-bleue')!;
    expect(maisonBleue).toMatchObject({ coverage: 'province', pregnancy: 'required', neighbourhoods: ['Montréal'], verified: false });
    expect(maisonBleue.texts.find((t) => t.language === 'ht')!.name).toBe(seed.services.find((s) => s.id === 'qc-la-maison-bleue')!.name.ht);

    const again = await seedDirectory(db);
    expect(Object.values(again).every((counts) => counts.inserted + counts.updated + counts.deleted === 0)).toBe(true);
    const after = await db.prisma.directoryService.findMany({ orderBy: { id: 'asc' } });
    expect(after.map((s) => s.updatedAt.getTime())).toEqual(services.map((s) => s.updatedAt.getTime()));
    expect(await seedDirectoryIfEmpty(db)).toBe(false);
  });

  it('applies a changed file: updates what changed, removes seeded records left out, keeps records added by hand', async () => {
    await addHandMadeService();
    const edited: DirectorySeed = {
      ...seed,
      services: seed.services
        .filter((s) => s.id !== 'lpp-famille-en-fete')
        .map((s) => (s.id === 'sh-cours-prenataux' ? { ...s, languages: ['fr', 'en'] } : s)),
      schedules: seed.schedules.filter((s) => s.service_id !== 'lpp-famille-en-fete'),
    };
    const report = await seedDirectory(db, edited);
    expect(report.services).toEqual({ inserted: 0, updated: 1, deleted: 1 });
    expect(await db.prisma.directoryService.findUnique({ where: { id: 'lpp-famille-en-fete' } })).toBeNull();
    expect((await db.prisma.directoryService.findUnique({ where: { id: 'sh-cours-prenataux' } }))!.languages).toEqual(['fr', 'en']);
    expect(await db.prisma.directoryService.findUnique({ where: { id: 'hand-made-playgroup' } })).not.toBeNull();

    const restored = await seedDirectory(db);
    expect(restored.services).toEqual({ inserted: 1, updated: 1, deleted: 0 });
    await db.prisma.directoryService.delete({ where: { id: 'hand-made-playgroup' } });
  });
});

describe('searching the directory', () => {
  it('finds every family service of the seed by its need, the child’s age or the pregnancy, and its neighbourhood, in each language', async () => {
    // Crisis lines are given by the crisis answer (crisisLines.test.ts), never by a search.
    const familyServices = seed.services.filter((s) => s.audience === 'families' && s.coverage !== 'elsewhere' && !isCrisisLine(s.needs));
    expect(familyServices.length).toBeGreaterThan(25);
    for (const service of familyServices) {
      for (const need of service.needs) {
        const neighbourhoods = service.coverage === 'neighbourhood' ? service.neighbourhoods : ['Saint-Michel', 'Saint-Henri'];
        for (const neighbourhood of neighbourhoods) {
          for (const language of LANGUAGES) {
            const { results } = await search({
              need,
              neighbourhood,
              language,
              ageMonths: service.min_age_months ?? undefined,
              pregnant: service.pregnancy === 'required' ? true : undefined,
            });
            const found = results.find((result) => result.id === service.id);
            expect(found, `${service.id} for ${need} in ${neighbourhood} (${language})`).toBeDefined();
            expect(found).toMatchObject({ textLanguage: language, name: service.name[language], howToRegister: service.how_to_register[language], verified: service.verified });
            expect(found!.why).toMatchObject({ need, place: service.coverage === 'neighbourhood' ? 'exact' : service.coverage });
          }
        }
      }
    }
  });

  it('offers a family asking for food, anywhere in Montréal and in each language, 211 on the first page', async () => {
    // The community documents name no food bank: 211 is what a family with nothing to eat is given everywhere.
    const line = seed.services.find((s) => s.id === '211-grand-montreal-besoins-de-base')!;
    for (const neighbourhood of ['La Petite-Patrie', 'Saint-Michel', 'Saint-Henri', 'Petite-Bourgogne', 'Villeray', undefined]) {
      for (const language of LANGUAGES) {
        const { results } = await search({ need: 'basic_needs', neighbourhood, language, limit: 3 });
        const found = results.find((result) => result.id === line.id);
        expect(found, `${neighbourhood ?? 'no neighbourhood'} (${language}): ${ids(results).join(', ')}`).toBeDefined();
        expect(found).toMatchObject({
          textLanguage: language,
          name: line.name[language],
          description: line.description[language],
          howToRegister: line.how_to_register[language],
          contact: { phone: '211' },
          free: true,
          verified: false,
          why: { need: 'basic_needs', place: 'montreal' },
        });
      }
    }
  });

  it('leaves out actions between partners and services outside Montréal, unless asked for partners', async () => {
    const childcare = await search({ need: 'childcare', neighbourhood: 'La Petite-Patrie' });
    expect(ids(childcare.results)).toContain('lpp-places-reservees-cpe');
    expect(ids(childcare.results)).not.toContain('lpp-qualite-services-cpe');
    expect(ids(childcare.results)).not.toContain('qc-halte-garderie-du-coeur');
    const withPartners = await search({ need: 'childcare', neighbourhood: 'La Petite-Patrie', includePartners: true });
    expect(ids(withPartners.results)).toContain('lpp-qualite-services-cpe');
  });

  it('filters by the child’s age, and keeps pregnancy-only services from a family that is not pregnant', async () => {
    const tooOld = await search({ need: 'school_readiness', neighbourhood: 'La Petite-Patrie', ageMonths: 30 });
    expect(ids(tooOld.results)).not.toContain('lpp-ateliers-petits-pas-vers-l-ecole');
    const rightAge = await search({ need: 'school_readiness', neighbourhood: 'La Petite-Patrie', ageMonths: 48 });
    expect(rightAge.results[0]).toMatchObject({ id: 'lpp-ateliers-petits-pas-vers-l-ecole', why: { age: 'in_range', place: 'exact' } });
    const notPregnant = await search({ need: 'prenatal', neighbourhood: 'Saint-Henri', pregnant: false, ageMonths: 2 });
    expect(ids(notPregnant.results)).toContain('sh-visite-postnatale-suivi');
    expect(ids(notPregnant.results)).not.toContain('sh-cours-prenataux');
    const pregnant = await search({ need: 'prenatal', neighbourhood: 'Saint-Henri', pregnant: true, ageMonths: 40 });
    expect(pregnant.results[0]).toMatchObject({ id: 'sh-cours-prenataux', why: { pregnancy: true } });
    expect(pregnant.results.find((r) => r.id === 'sh-visite-postnatale-suivi')?.why.age).toBe('pregnancy');
  });

  it('ranks the family’s neighbourhood first, then the adjacent ones, then island- and province-wide services', async () => {
    const here = await search({ need: 'prenatal', neighbourhood: 'st-michel', pregnant: true });
    expect(here.results[0]).toMatchObject({ id: 'sm-continuum-grossesse-entree-scolaire', why: { place: 'exact', neighbourhood: 'Saint-Michel' } });
    // Rosemont touches both La Petite-Patrie and Saint-Michel.
    const nextDoor = await search({ need: 'prenatal', neighbourhood: 'Rosemont', pregnant: true });
    const places = nextDoor.results.map((r) => r.why.place);
    expect(places).toContain('adjacent');
    expect(places).toContain('province');
    expect([...places].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))).toEqual(places);
    expect(ids(nextDoor.results)).toEqual(expect.arrayContaining(['lpp-atelier-prenatal-parentage-proximal-massage-bebe', 'sm-continuum-grossesse-entree-scolaire', 'qc-la-maison-bleue']));
    const villeray = await search({ need: 'breastfeeding', neighbourhood: 'Villeray', language: 'en' });
    expect(villeray.results[0]!.why).toMatchObject({ place: 'adjacent', neighbourhood: 'La Petite-Patrie' });
    expect(ids(villeray.results)).not.toContain('sh-halte-allaitement');
  });

  it('prefers services given in the family’s language, and falls back to French texts', async () => {
    const spanish = await search({ need: 'newcomer', neighbourhood: 'La Petite-Patrie', language: 'es' });
    expect(spanish.results[0]).toMatchObject({ id: 'lpp-accompagnement-familles-hispanophones', textLanguage: 'es', why: { language: true } });
    const creole = await search({ need: 'newcomer', neighbourhood: 'La Petite-Patrie', language: 'ht' });
    expect(creole.results[0]).toMatchObject({ id: 'lpp-accompagnement-familles-haitiennes', textLanguage: 'ht', why: { language: true } });
    expect(creole.results[1]!.why.language).toBe(false);

    await addHandMadeService();
    try {
      const found = (await search({ need: 'events', neighbourhood: 'Saint-Michel', language: 'es' })).results.find((r) => r.id === 'hand-made-playgroup');
      expect(found).toMatchObject({ textLanguage: 'fr', name: 'Halte-jeux du samedi', contact: { phone: '514-555-0199' }, verified: false });
    } finally {
      await db.prisma.directoryService.delete({ where: { id: 'hand-made-playgroup' } });
    }
    expect(ids((await search({ need: 'events', neighbourhood: 'Saint-Michel' })).results)).not.toContain('hand-made-playgroup');
  });

  it('says so when nothing matches, with the same need elsewhere and other needs nearby', async () => {
    const none = await search({ need: 'camp', neighbourhood: 'Saint-Henri', ageMonths: 24, language: 'en', limit: 3 });
    expect(none.results).toEqual([]);
    expect(none.total).toBe(0);
    expect(ids(none.nearest!.sameNeedElsewhere)).toContain('lpp-camp-parents-enfants-milieu-urbain');
    expect(none.nearest!.sameNeedElsewhere.every((r) => r.why.place === 'other' && r.textLanguage === 'en')).toBe(true);
    expect(none.nearest!.otherNeedsNearby.length).toBeGreaterThan(0);
    expect(none.nearest!.otherNeedsNearby.every((r) => ['exact', 'adjacent'].includes(r.why.place) && r.why.need !== 'camp')).toBe(true);
    const some = await search({ need: 'camp', neighbourhood: 'La Petite-Patrie' });
    expect(some.nearest).toBeNull();
  });

  it('pages through the results', async () => {
    const all = await search({ need: 'school_readiness', neighbourhood: 'Saint-Henri' });
    expect(all.total).toBe(all.results.length);
    const second = await search({ need: 'school_readiness', neighbourhood: 'Saint-Henri', limit: 2, offset: 2 });
    expect(ids(second.results)).toEqual(ids(all.results).slice(2, 4));
    expect(second.total).toBe(all.total);
  });

  it('does not throw on bad input: an unknown need, language or neighbourhood, an impossible age', async () => {
    const result = await searchDirectory(db, { need: 'pizza', language: 'xx', neighbourhood: 'Atlantis', ageMonths: Number.NaN, limit: -1, offset: 1.5 });
    expect(result.results).toEqual([]);
    expect(result.nearest!.sameNeedElsewhere).toEqual([]);
    expect(result.nearest!.otherNeedsNearby.every((r) => r.textLanguage === 'fr' && ['montreal', 'province'].includes(r.why.place))).toBe(true);
    await expect(searchDirectory(db, { need: '', language: '', ageMonths: -3 })).resolves.toMatchObject({ results: [], total: 0 });
  });
});

const ORDER: Place[] = ['exact', 'adjacent', 'montreal', 'province', 'other'];

/** A service a coordinator added by hand (not from the seed), with only a French text. */
async function addHandMadeService(): Promise<void> {
  await db.prisma.directoryService.create({
    data: {
      id: 'hand-made-playgroup',
      organizationId: 'sm-partenaires-continuum',
      needs: ['events'],
      languages: ['fr'],
      neighbourhoods: ['Saint-Michel'],
      contactPhone: '514-555-0199',
      unverified: ['contact.phone'],
      texts: { create: [{ language: 'fr', name: 'Halte-jeux du samedi', description: 'Jeux libres.', eligibility: 'Familles.', cost: 'Gratuit.', howToRegister: 'Sans inscription.' }] },
    },
  });
}

import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { Database } from '../src/db/Database.ts';
import { migrate } from '../src/db/migrate.ts';
import { searchDirectory } from '../src/directory/searchDirectory.ts';
import type { DirectoryQuery } from '../src/directory/searchDirectory.ts';
import { seedDirectory } from '../src/directory/seedDirectory.ts';
import { NEEDS } from '../src/domain/needs.ts';
import { LANGUAGES, NEIGHBOURHOODS as SEED_NEIGHBOURHOODS } from '../src/directory/seedSchema.ts';
import type { directorySeedSchema } from '../src/directory/seedSchema.ts';
import { NEIGHBOURHOODS } from '../src/nlu/neighbourhoods.ts';
import { createTestDatabase } from '../test/support/testDatabase.ts';

const SERVICES = Number(process.env.BENCH_DIRECTORY_SERVICES ?? 10_000);
const SEARCHES = Number(process.env.BENCH_DIRECTORY_SEARCHES ?? 2_000);

export interface DirectoryBench {
  p50: number;
  p95: number;
  p99: number;
  samples: number;
  services: number;
}

/**
 * Seeds 10,000 generated services into an in-memory PGlite (and into a scratch PostgreSQL
 * database when DATABASE_URL is set), then times `searchDirectory` on varied family questions,
 * after a warm-up. Milliseconds; the top-level figures are the embedded database's. Target: p99 < 10 ms.
 */
export async function benchDirectorySearch(): Promise<DirectoryBench & { postgres?: DirectoryBench }> {
  const seed = generateDirectory(SERVICES);
  const queries = generateQueries(SEARCHES);
  const embedded = await Database.open({ dataDir: ':memory:' });
  let result: DirectoryBench;
  try {
    await migrate(embedded);
    result = await timeSearches(embedded, seed, queries);
  } finally {
    await embedded.close();
  }
  if (!process.env.DATABASE_URL) return result;
  const scratch = await createTestDatabase();
  const db = await scratch.open();
  try {
    return { ...result, postgres: await timeSearches(db, seed, queries) };
  } finally {
    await db.close();
    await scratch.drop();
  }
}

async function timeSearches(db: Database, seed: z.input<typeof directorySeedSchema>, queries: DirectoryQuery[]): Promise<DirectoryBench> {
  await seedDirectory(db, seed);
  // Fresh statistics, as autovacuum would have them on a directory that has been running.
  await db.prisma.$executeRawUnsafe('ANALYZE');
  for (const query of queries.slice(0, 200)) await searchDirectory(db, query);
  const timings: number[] = [];
  for (const query of queries) {
    const start = performance.now();
    await searchDirectory(db, query);
    timings.push(performance.now() - start);
  }
  timings.sort((a, b) => a - b);
  const at = (quantile: number): number => round(timings[Math.min(timings.length - 1, Math.floor(quantile * timings.length))] ?? 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), samples: timings.length, services: seed.services.length };
}

type Service = z.input<typeof directorySeedSchema>['services'][number];

/** A directory the size of a large city's: services spread over every neighbourhood, need, age and language. */
function generateDirectory(count: number): z.input<typeof directorySeedSchema> {
  const random = seededRandom(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const localized = (text: string) => ({ fr: `${text} (fr)`, en: `${text} (en)`, es: `${text} (es)`, ht: `${text} (ht)` });
  const source = { file: '000_0000000000000000.txt', line: 1, quote: 'Généré pour le banc d’essai.' };
  // The seed schema knows the four neighbourhoods the tables serve: 2,000+ services each, a harder
  // case for search than the same services spread over the whole island.
  const neighbourhoods = SEED_NEIGHBOURHOODS.filter((n) => n !== 'Montréal');
  const organizations = Array.from({ length: Math.ceil(count / 20) }, (_, i) => ({
    id: `org-${i}`, name: localized(`Organisme ${i}`), description: localized(`Organisme ${i}`), verified: true, source,
  }));
  const locations = organizations.map((o, i) => ({
    id: `loc-${i}`, organization_id: o.id, name: localized(`Lieu ${i}`), address: `${i} rue Principale`, neighbourhood: 'Montréal' as const, verified: true, source,
  }));
  const services = Array.from({ length: count }, (_, i): Service => {
    const roll = random();
    const coverage: Service['coverage'] = roll < 0.05 ? 'montreal' : roll < 0.07 ? 'province' : roll < 0.09 ? 'elsewhere' : 'neighbourhood';
    const needs = [...new Set([pick(NEEDS), ...(random() < 0.3 ? [pick(NEEDS)] : [])])];
    const minAge = random() < 0.5 ? null : Math.floor(random() * 48);
    const maxAge = minAge === null ? null : minAge + 12 + Math.floor(random() * 60);
    const org = Math.floor(i / 20);
    const about = Array.from({ length: 8 }, () => pick(VOCABULARY)).join(' ');
    return {
      id: `svc-${i}`,
      organization_id: `org-${org}`,
      name: localized(`Service ${i} ${pick(VOCABULARY)} ${pick(VOCABULARY)}`),
      source_name: `Service ${i}`,
      description: localized(`Description du service ${i} : ${about}`),
      eligibility_text: localized('Familles'),
      audience: random() < 0.85 ? ('families' as const) : ('partners' as const),
      needs,
      min_age_months: minAge,
      max_age_months: maxAge,
      pregnancy: needs.includes('prenatal') ? pick(['required', 'welcome'] as const) : ('no' as const),
      cost: localized('Gratuit'),
      free: random() < 0.5,
      languages: ['fr', ...LANGUAGES.filter((l) => l !== 'fr' && random() < 0.2)],
      coverage,
      ...(coverage === 'elsewhere' ? { territory: localized('Laval') } : {}),
      neighbourhoods: (coverage === 'elsewhere' ? [] : coverage === 'neighbourhood' ? [...new Set([pick(neighbourhoods), ...(random() < 0.2 ? [pick(neighbourhoods)] : [])])] : ['Montréal']) as Service['neighbourhoods'],
      how_to_register: localized(`Appeler le 514-555-01${String(i % 100).padStart(2, '0')}`),
      contact: { phone: `514-555-01${String(i % 100).padStart(2, '0')}` },
      location_ids: [`loc-${org}`],
      verified: false,
      unverified: ['contact.phone'],
      source,
    };
  });
  const schedules = services.map((s) => ({ id: `sch-${s.id}`, service_id: s.id, description: localized('Les mardis'), frequency: 'weekly' as const, verified: true }));
  return { version: 1, organizations, services, locations, schedules };
}

/**
 * What parents ask: mostly a known need in a served neighbourhood, sometimes an age or a pregnancy;
 * some from other neighbourhoods (adjacent matches, or nothing and the nearest alternatives), a few nonsense needs;
 * most with the words of the message, as the bot passes them.
 */
function generateQueries(count: number): DirectoryQuery[] {
  const random = seededRandom(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const words = () => Array.from({ length: 3 + Math.floor(random() * 8) }, () => (random() < 0.6 ? pick(VOCABULARY) : pick(FILLERS))).join(' ');
  return Array.from({ length: count }, () => ({
    text: random() < 0.8 ? words() : undefined,
    need: random() < 0.03 ? 'something-else' : pick(NEEDS),
    ageMonths: random() < 0.6 ? Math.floor(random() * 72) : undefined,
    pregnant: random() < 0.2 ? true : undefined,
    neighbourhood: random() < 0.9 ? (random() < 0.7 ? pick(SEED_NEIGHBOURHOODS) : pick(NEIGHBOURHOODS).name) : undefined,
    language: pick(LANGUAGES),
    limit: 3,
    offset: random() < 0.1 ? 3 : 0,
  }));
}

// Words services and parents use, for the free-text part of the search.
const VOCABULARY = `atelier ateliers massage bébé allaitement marraine grossesse prénatal accouchement sage-femme doula camp été
  séjour famille familles parents enfants garderie halte-garderie CPE place école maternelle lecture éveil langage orthophonie
  stimulation logement loyer hébergement nourriture vêtements épicerie dépannage paniers immigration francisation papiers accueil
  fête activités sorties bibliothèque parc jeux sport devoirs coordination formation réseau partenaires financement quartier
  workshop baby massage breastfeeding pregnancy prenatal camp summer daycare school kindergarten reading housing food clothes
  taller masaje lactancia embarazo campamento guardería escuela vivienda comida ropa inmigración fiesta
  atelye masaj tete gwosès kan lekòl gadri lojman manje rad imigrasyon fèt`.split(/\s+/);
const FILLERS = 'je cherche un pour mon ma fille fils de ans mois svp merci bonjour hi my son daughter please hola mi hija busco mwen pitit tanpri'.split(' ');

/** Same numbers every run, so runs compare. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await benchDirectorySearch());

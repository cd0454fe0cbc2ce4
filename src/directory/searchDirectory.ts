import type { Database } from '../db/Database.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { NEIGHBOURHOODS } from '../nlu/neighbourhoods.ts';
import { fold } from '../domain/fold.ts';
import { NEEDS, needOf, type Need } from '../domain/needs.ts';
import { LANGUAGES, type Language as DirectoryLanguage } from '../domain/languages.ts';
import { isCrisisLine } from './serviceTerms.ts';
import { textTerms } from './textTerms.ts';
import { WordIndex } from './WordIndex.ts';
import type { WordScores } from './WordIndex.ts';

/** What a family is looking for. Anything unknown or out of range is ignored, never thrown on. */
export interface DirectoryQuery {
  /** One of NEEDS (the NLU intent); an unknown need matches nothing and gets `nearest` alternatives. */
  need: string;
  /** The child's age in months. */
  ageMonths?: number | undefined;
  pregnant?: boolean | undefined;
  /** A neighbourhood name as the NLU gives it ("Saint-Michel"); case and accents do not matter. */
  neighbourhood?: string | undefined;
  /** The family's language: texts come in it (or French), and services speaking it rank first. */
  language: string;
  /** Results per page (default 3, at most 50). */
  limit?: number | undefined;
  offset?: number | undefined;
  /** Also list actions between partners (coordination, training), left out for families. */
  includePartners?: boolean | undefined;
  /**
   * What the family wrote, in its own words ("un atelier de massage pour bébé"). Services whose name
   * or description (in the family's language or French) share its words rank first among equally
   * near ones, and a service whose words match it clearly is found even under another need. Without
   * it, results are exactly as before.
   */
  text?: string | undefined;
}

/** Where a service is, seen from the family: its own neighbourhood, next door, island- or province-wide, or elsewhere in Montréal. */
export type Place = 'exact' | 'adjacent' | 'montreal' | 'province' | 'other';

/** Why a service fits, as data the bot renders with i18n keys. */
export interface WhyItFits {
  need: Need | null;
  /** `in_range`: the child's age is within the service's ages; `all_ages`: the service sets no age; `pregnancy`: it fits because of the pregnancy; null: no age asked. */
  age: 'in_range' | 'all_ages' | 'pregnancy' | null;
  /** True when the family is pregnant and the service is for pregnancy (only, or also). */
  pregnancy: boolean;
  place: Place;
  /** The neighbourhood that matched (exact or adjacent), or the service's first one. */
  neighbourhood: string | null;
  /** The service is given in the family's language. */
  language: boolean;
}

export interface DirectoryResult {
  id: string;
  /** The language of the texts below: the family's, or French when a text is missing in it. */
  textLanguage: DirectoryLanguage;
  name: string;
  description: string;
  eligibility: string;
  cost: string;
  howToRegister: string;
  organization: string;
  contact: { phone: string | null; email: string | null; url: string | null };
  /**
   * The children's ages the service is for, in months (`min_age_months`, `max_age_months`); null: no
   * limit. Absent from a list kept in a conversation's state since before it existed.
   */
  ages?: { min: number | null; max: number | null };
  locations: { name: string; address: string; neighbourhood: string; verified: boolean }[];
  schedules: { description: string; season: string | null; frequency: string | null; verified: boolean }[];
  languages: string[];
  free: boolean;
  /** False while a placeholder (a 514-555-01xx number, "Adresse à confirmer") or an assumption remains. */
  verified: boolean;
  why: WhyItFits;
}

export interface DirectorySearchResult {
  results: DirectoryResult[];
  /** Every matching service, beyond this page. */
  total: number;
  /** When nothing matches: the same need elsewhere in Montréal, and other needs nearby. Null otherwise. */
  nearest: { sameNeedElsewhere: DirectoryResult[]; otherNeedsNearby: DirectoryResult[] } | null;
}

/**
 * Finds the family services that answer a need, for the child's age or the pregnancy, in the
 * family's neighbourhood, then next door, then island- and province-wide; services that match the
 * family's own words first, then those speaking the family's language. Matching and ranking run in
 * memory over a cached index of the search columns and words (PGlite spends ~8 ms planning a ranking
 * query; this takes well under one); the page's
 * texts, locations and schedules come from the database by id, so they are always current.
 */
export async function searchDirectory(db: Database, query: DirectoryQuery, options: SearchOptions = {}): Promise<DirectorySearchResult> {
  const q = normalize(query);
  const index = await directoryIndex(db, options.maxStalenessMs ?? 5_000);
  const near: Place[] = q.neighbourhood ? ['exact', 'adjacent', 'montreal', 'province'] : ['montreal', 'province', 'other'];
  const words = index.words.score(q.terms, q.language);
  // An unknown need matches nothing (rather than everything) but what the words clearly name: the family gets the alternatives.
  const matches = q.need || words.matched.length > 0 ? rank({ index, q, need: q.need, places: near, words, strict: true }) : [];
  const page = matches.slice(q.offset, q.offset + q.limit);
  if (matches.length > 0 || q.offset > 0) {
    return { results: await details(db, q, page), total: matches.length, nearest: null };
  }
  const sameNeed = q.need && q.neighbourhood ? rank({ index, q, need: q.need, places: ['other'], words, strict: true }).slice(0, 3) : [];
  const otherNeeds = rank({ index, q, need: null, places: q.neighbourhood ? ['exact', 'adjacent'] : ['montreal', 'province'], words, strict: false }).slice(0, 3);
  const found = await details(db, q, [...sameNeed, ...otherNeeds]);
  const sameNeedIds = new Set(sameNeed.map((match) => match.service.id));
  const sameNeedElsewhere = found.filter((result) => sameNeedIds.has(result.id));
  const otherNeedsNearby = found.filter((result) => !sameNeedIds.has(result.id));
  return { results: [], total: 0, nearest: { sameNeedElsewhere, otherNeedsNearby } };
}

export interface SearchOptions {
  /** How old the cached index may be before the database is asked whether services changed (ms). */
  maxStalenessMs?: number;
}

/** Drops the cached index of `db`: the next search reloads it. Called after every write of the directory in this process. */
export function invalidateDirectoryIndex(db: Database): void {
  INDEXES.delete(db);
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────

interface NormalizedQuery {
  need: Need | null;
  ageMonths: number | null;
  pregnant: boolean | null;
  neighbourhood: string | null;
  adjacent: string[];
  language: DirectoryLanguage;
  limit: number;
  offset: number;
  includePartners: boolean;
  terms: string[];
}

function normalize(query: DirectoryQuery): NormalizedQuery {
  const need = needOf(query.need) ?? null;
  const age = query.ageMonths;
  const neighbourhood = query.neighbourhood ? (BY_FOLDED_NAME.get(nameKey(query.neighbourhood)) ?? null) : null;
  const whole = (value: number | undefined, fallback: number, max: number) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 ? Math.min(value, max) : fallback;
  return {
    need,
    ageMonths: typeof age === 'number' && Number.isFinite(age) && age >= 0 && age < 1200 ? Math.floor(age) : null,
    pregnant: typeof query.pregnant === 'boolean' ? query.pregnant : null,
    neighbourhood,
    adjacent: neighbourhood ? [...(ADJACENT.get(neighbourhood) ?? [])] : [],
    language: LANGUAGES.find((known) => known === query.language) ?? 'fr',
    limit: Math.max(1, whole(query.limit, 3, 50)),
    offset: whole(query.offset, 0, 10_000),
    includePartners: query.includePartners === true,
    // An SMS holds a few dozen words; more would only slow the search down.
    terms: typeof query.text === 'string' ? textTerms(query.text.slice(0, 2_000)).slice(0, 40) : [],
  };
}

/** The search columns of one service, as the index holds them. */
interface Indexed {
  id: string;
  audience: 'families' | 'partners';
  needs: string[];
  min: number | null;
  max: number | null;
  pregnancy: 'required' | 'welcome' | 'no';
  languages: string[];
  coverage: 'neighbourhood' | 'montreal' | 'province';
  neighbourhoods: string[];
  verified: boolean;
  /** Position in `Index.all`. */
  at: number;
}

interface Index {
  all: Indexed[];
  byNeed: Map<string, Indexed[]>;
  /** The words of every service's name and description, by position in `all`. */
  words: WordIndex;
  fingerprint: string;
  checkedAt: number;
}

interface Match {
  service: Indexed;
  need: Need | null;
  place: Place;
  language: boolean;
  score: number[];
}

const INDEXES = new WeakMap<Database, Promise<Index>>();

/** The cached index, checked against the database when older than `maxStalenessMs`. */
async function directoryIndex(db: Database, maxStalenessMs: number): Promise<Index> {
  const cached = INDEXES.get(db);
  if (cached) {
    const index = await cached;
    if (performance.now() - index.checkedAt <= maxStalenessMs) return index;
    if ((await fingerprint(db)) === index.fingerprint) {
      index.checkedAt = performance.now();
      return index;
    }
    if (INDEXES.get(db) === cached) INDEXES.delete(db);
  }
  let loading = INDEXES.get(db);
  if (!loading) {
    loading = loadIndex(db);
    INDEXES.set(db, loading);
    loading.catch(() => INDEXES.delete(db));
  }
  return loading;
}

// Every write of services sets updated_at (Prisma's @updatedAt, and seedDirectory); a deletion changes the count.
async function fingerprint(db: Database): Promise<string> {
  const [row] = await db.sql.$queryRaw<{ fingerprint: string }[]>(
    Prisma.raw(`SELECT count(*) || '/' || COALESCE(max("updated_at")::text, '') AS "fingerprint" FROM "services"`),
  );
  return row?.fingerprint ?? '';
}

async function loadIndex(db: Database): Promise<Index> {
  const checkedAt = performance.now();
  const print = await fingerprint(db);
  const rows = await db.sql.$queryRaw<Omit<Indexed, 'at'>[]>(
    Prisma.raw(
      `SELECT "id", "audience"::text AS "audience", COALESCE("needs", '{}') AS "needs", "min_age_months" AS "min", "max_age_months" AS "max",
              "pregnancy"::text AS "pregnancy", COALESCE("languages", '{}') AS "languages", "coverage"::text AS "coverage",
              COALESCE("neighbourhoods", '{}') AS "neighbourhoods", "verified"
         FROM "services" WHERE "coverage" <> 'elsewhere' ORDER BY "id"`,
    ),
  );
  // Crisis lines (911, 9-8-8…) are given by the crisis answer, never listed among a neighbourhood's programs.
  // One literal shape for every record: property reads in the ranking loop stay fast (a spread of the raw rows is 3-4 times slower).
  const all: Indexed[] = rows.filter((row) => !isCrisisLine(row.needs)).map((row, at) => ({
    id: row.id, audience: row.audience, needs: row.needs, min: row.min, max: row.max, pregnancy: row.pregnancy, languages: row.languages,
    coverage: row.coverage, neighbourhoods: row.neighbourhoods, verified: row.verified, at,
  }));
  const byNeed = new Map<string, Indexed[]>();
  for (const service of all) {
    for (const need of service.needs) byNeed.set(need, [...(byNeed.get(need) ?? []), service]);
  }
  const texts = await db.sql.$queryRaw<{ id: string; language: string; text: string }[]>(
    Prisma.raw(
      `SELECT t."service_id" AS "id", t."language", t."name" || ' ' || t."description" AS "text"
         FROM "service_texts" t JOIN "services" s ON s."id" = t."service_id" WHERE s."coverage" <> 'elsewhere'`,
    ),
  );
  // Texts are read with the services: an edit of texts alone is picked up with the next change of a service row.
  const position = new Map(all.map((service) => [service.id, service.at]));
  const words = new WordIndex(all.length);
  for (const row of texts) words.add(position.get(row.id) ?? -1, row.language, row.text);
  return { all, byNeed, words, fingerprint: print, checkedAt };
}

// A word few services use: in a directory of 10,000, one used by at most 100 of them; in the seed's 51, by at most 7.
const DISTINCTIVE = 0.5;
// A service of another need (or of none, between partners) joins the results on this much evidence,
// with at least one distinctive word, and at least this share of the best match's: "massage bébé"
// finds the prenatal workshop with baby massage, but "un atelier prénatal pour apprendre à masser
// mon bébé" does not bring the school-readiness workshops in ("atelier", "apprendre").
const CLEAR_MATCH = 1.4;
const SHARE_OF_BEST = 0.5;

const PLACE_ORDER: Record<Place, number> = { exact: 0, adjacent: 1, montreal: 2, province: 3, other: 4 };

/**
 * Services answering `need` (any need when null) for this family, in `places`, best first. With
 * `strict`, other services join only when the family's words clearly name them.
 */
function rank(args: { index: Index; q: NormalizedQuery; need: Need | null; places: Place[]; words: WordScores; strict: boolean }): Match[] {
  const { index, q, need, places, words } = args;
  const candidates = !args.strict ? index.all : need ? (index.byNeed.get(need) ?? []) : [];
  const named: Indexed[] = [];
  // Services the family's words clearly name ("clases de francés"): they come first, wherever they are.
  const clear = new Set<number>();
  if (args.strict) {
    const visible = (service: Indexed | undefined): service is Indexed => service !== undefined && (service.audience === 'families' || q.includePartners);
    // Scores first: a service record is read only for the few clear matches (thousands share a common word).
    const { score, best, matched } = words;
    let top = 0;
    for (const at of matched) if (score[at]! > top && visible(index.all[at])) top = score[at]!;
    const enough = Math.max(CLEAR_MATCH, SHARE_OF_BEST * top);
    if (top >= enough) {
      for (const at of matched) {
        if (score[at]! < enough || best[at]! < DISTINCTIVE) continue;
        clear.add(at);
        const service = index.all[at];
        if (visible(service) && !(need && service.needs.includes(need))) named.push(service);
      }
    }
  }
  const matches: Match[] = [];
  for (const service of named.length === 0 ? candidates : [...candidates, ...named]) {
    if (service.audience !== 'families' && !q.includePartners) continue;
    const forPregnancy = q.pregnant === true && service.pregnancy !== 'no';
    if (q.pregnant === false && service.pregnancy === 'required') continue;
    const inRange = q.ageMonths === null || ((service.min ?? 0) <= q.ageMonths && q.ageMonths <= (service.max ?? Infinity));
    if (!inRange && !forPregnancy) continue;
    const place = placeOf(service, q);
    if (!places.includes(place)) continue;
    const language = service.languages.includes(q.language);
    const pregnancyFit = forPregnancy ? (service.pregnancy === 'required' ? 2 : 1) : 0;
    const ageFit = q.ageMonths !== null && (service.min !== null || service.max !== null) ? 1 : 0;
    // The need asked counts as much as one word only this service uses; without words, every service scores the same.
    const answersNeed = !args.strict || (need !== null && service.needs.includes(need));
    const wordFit = (answersNeed ? 1 : 0) + (words.score[service.at] ?? 0);
    // What the family's words clearly name first, then place, the family's words, the family's language, fit with the
    // pregnancy, an age range that names the child's age.
    const score = [clear.has(service.at) ? 0 : 1, PLACE_ORDER[place], -Math.round(wordFit * 1000), language ? 0 : 1, -pregnancyFit, -ageFit, service.verified ? 0 : 1];
    const answered = answersNeed && need ? need : (NEEDS.find((known) => service.needs.includes(known)) ?? null);
    matches.push({ service, need: answered, place, language, score });
  }
  return matches.sort(compareMatches);
}

function placeOf(service: Indexed, q: NormalizedQuery): Place {
  if (service.coverage === 'montreal' || service.coverage === 'province') return service.coverage;
  if (q.neighbourhood && service.neighbourhoods.includes(q.neighbourhood)) return 'exact';
  if (service.neighbourhoods.some((name) => q.adjacent.includes(name))) return 'adjacent';
  return 'other';
}

function compareMatches(a: Match, b: Match): number {
  for (let i = 0; i < a.score.length; i++) {
    const difference = a.score[i]! - b.score[i]!;
    if (difference !== 0) return difference;
  }
  return a.service.id < b.service.id ? -1 : a.service.id > b.service.id ? 1 : 0;
}

interface DetailRow {
  id: string;
  free: boolean;
  verified: boolean;
  languages: string[] | null;
  contact_phone: string | null;
  contact_email: string | null;
  contact_url: string | null;
  text_language: DirectoryLanguage | null;
  name: string | null;
  description: string | null;
  eligibility: string | null;
  cost: string | null;
  how_to_register: string | null;
  organization: string | null;
  locations: DirectoryResult['locations'];
  schedules: DirectoryResult['schedules'];
}

/** The page's services (`ids`: a JSON array of their ids), texts in `language` or else French. */
const detailsSql = (ids: string, language: string) => Prisma.sql`
SELECT s."id", s."free", s."verified", s."languages", s."contact_phone", s."contact_email", s."contact_url",
       t."language" AS "text_language", t."name", t."description", t."eligibility", t."cost", t."how_to_register",
       COALESCE(o."name" ->> ${language}::text, o."name" ->> 'fr') AS "organization",
       COALESCE((SELECT jsonb_agg(jsonb_build_object('name', COALESCE(l."name" ->> ${language}::text, l."name" ->> 'fr'), 'address', l."address",
                                                    'neighbourhood', l."neighbourhood", 'verified', l."verified") ORDER BY l."id")
                   FROM "service_locations" sl JOIN "locations" l ON l."id" = sl."location_id"
                  WHERE sl."service_id" = s."id"), '[]'::jsonb) AS "locations",
       COALESCE((SELECT jsonb_agg(jsonb_build_object('description', COALESCE(sc."description" ->> ${language}::text, sc."description" ->> 'fr'),
                                                    'season', sc."season", 'frequency', sc."frequency", 'verified', sc."verified") ORDER BY sc."id")
                   FROM "schedules" sc WHERE sc."service_id" = s."id"), '[]'::jsonb) AS "schedules"
  FROM "services" s
  JOIN "organizations" o ON o."id" = s."organization_id"
  LEFT JOIN LATERAL (SELECT st.* FROM "service_texts" st
                      WHERE st."service_id" = s."id" AND st."language" IN (${language}::text, 'fr')
                      ORDER BY st."language" = ${language}::text DESC LIMIT 1) t ON true
 WHERE s."id" IN (SELECT jsonb_array_elements_text(${ids}::jsonb))`;

/** The page's services as the family reads them, in rank order (a service deleted since the index was built is left out). */
async function details(db: Database, q: NormalizedQuery, matches: Match[]): Promise<DirectoryResult[]> {
  if (matches.length === 0) return [];
  const rows = await db.sql.$queryRaw<DetailRow[]>(detailsSql(JSON.stringify(matches.map((m) => m.service.id)), q.language));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return matches.flatMap((match) => {
    const row = byId.get(match.service.id);
    return row ? [toResult(row, match, q)] : [];
  });
}

function toResult(row: DetailRow, match: Match, q: NormalizedQuery): DirectoryResult {
  const service = match.service;
  const hasRange = service.min !== null || service.max !== null;
  const inRange = q.ageMonths !== null && (service.min ?? 0) <= q.ageMonths && q.ageMonths <= (service.max ?? Infinity);
  const neighbourhood =
    match.place === 'exact' ? q.neighbourhood : match.place === 'adjacent' ? (service.neighbourhoods.find((name) => q.adjacent.includes(name)) ?? null) : (service.neighbourhoods[0] ?? null);
  return {
    id: row.id,
    textLanguage: row.text_language ?? 'fr',
    name: row.name ?? row.id,
    description: row.description ?? '',
    eligibility: row.eligibility ?? '',
    cost: row.cost ?? '',
    howToRegister: row.how_to_register ?? '',
    organization: row.organization ?? '',
    contact: { phone: row.contact_phone, email: row.contact_email, url: row.contact_url },
    ages: { min: service.min, max: service.max },
    locations: row.locations,
    schedules: row.schedules,
    languages: row.languages ?? [],
    free: row.free,
    verified: row.verified,
    why: {
      need: match.need,
      age: q.ageMonths === null ? null : !hasRange ? 'all_ages' : inRange ? 'in_range' : 'pregnancy',
      pregnancy: q.pregnant === true && service.pregnancy !== 'no',
      place: match.place,
      neighbourhood,
      language: match.language,
    },
  };
}

/** Lower case, no accents, letters and digits only: "Saint-Léonard" → "saintleonard". */
function nameKey(text: string): string {
  return fold(text).replace(/[^a-z0-9]+/g, '');
}

const BY_FOLDED_NAME = new Map<string, string>(
  NEIGHBOURHOODS.flatMap((n) => [[nameKey(n.name), n.name] as [string, string], ...n.aliases.map((alias) => [nameKey(alias), n.name] as [string, string])]),
);

// Adjacency in both directions, whichever side lists it.
const ADJACENT = new Map<string, Set<string>>();
for (const n of NEIGHBOURHOODS) {
  for (const other of n.adjacent) {
    if (!ADJACENT.has(n.name)) ADJACENT.set(n.name, new Set());
    if (!ADJACENT.has(other)) ADJACENT.set(other, new Set());
    ADJACENT.get(n.name)!.add(other);
    ADJACENT.get(other)!.add(n.name);
  }
}

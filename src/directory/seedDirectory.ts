import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.ts';
import type { Database, Tx } from '../db/Database.ts';
import { invalidateDirectoryIndex } from './searchDirectory.ts';
import { LANGUAGES, directorySeedSchema } from './seedSchema.ts';
import type { DirectorySeed, SeedLocation, SeedOrganization, SeedSchedule, SeedService } from './seedSchema.ts';

/** The directory shipped with the app. */
export const DIRECTORY_SEED_PATH = fileURLToPath(new URL('../../prisma/seed/directory.json', import.meta.url));

/** Rows written per table by one seeding; all zero when the database already matched the file. */
export type SeedReport = Record<'organizations' | 'locations' | 'services' | 'serviceTexts' | 'serviceLocations' | 'schedules', { inserted: number; updated: number; deleted: number }>;

/**
 * Makes the directory tables hold every record of the seed (the shipped file by default), in one
 * transaction. Idempotent: a row is written only when it differs, so a second run changes nothing
 * (not even `updated_at`). Rows are marked `from_seed`; a seeded row whose id left the file is
 * deleted, while rows added otherwise (import, console) are never touched unless the file uses their id.
 */
export async function seedDirectory(db: Database, data?: z.input<typeof directorySeedSchema>): Promise<SeedReport> {
  const seed = directorySeedSchema.parse(data ?? (await readDirectorySeed()));
  const rows = toRows(seed);
  const report = await db.transaction(
    async (tx) => {
      const report = {} as SeedReport;
      for (const table of TABLES) {
        report[table.report] = { ...(await upsert(tx, table, rows[table.report])), deleted: 0 };
      }
      // Children first: services restrict the deletion of their organization.
      const ids = (list: { id: string }[]) => JSON.stringify(list.map((row) => row.id));
      report.schedules.deleted = await tx.$executeRawUnsafe(
        `DELETE FROM "schedules" WHERE "from_seed" AND "id" NOT IN (SELECT jsonb_array_elements_text($1::jsonb))`,
        ids(rows.schedules),
      );
      report.serviceLocations.deleted = await tx.$executeRawUnsafe(
        `DELETE FROM "service_locations" AS sl
          WHERE sl."service_id" IN (SELECT jsonb_array_elements_text($1::jsonb))
            AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS r("service_id" text, "location_id" text)
                             WHERE r."service_id" = sl."service_id" AND r."location_id" = sl."location_id")`,
        ids(rows.services),
        JSON.stringify(rows.serviceLocations),
      );
      for (const [key, table] of [['services', 'services'], ['locations', 'locations'], ['organizations', 'organizations']] as const) {
        report[key].deleted = await tx.$executeRawUnsafe(
          `DELETE FROM "${table}" WHERE "from_seed" AND "id" NOT IN (SELECT jsonb_array_elements_text($1::jsonb))`,
          ids(rows[key]),
        );
      }
      return report;
    },
    // 10,000 generated services (the benchmark) take a few seconds on the embedded database.
    { timeoutMs: 300_000 },
  );
  invalidateDirectoryIndex(db);
  return report;
}

/**
 * Seeds the directory when it holds no service yet (first start). Returns whether it seeded.
 * Asked through `db.sql`, not the Prisma client: on PostgreSQL that is the pool itself, so on a seeded
 * database (and with an active admin, `ensureFirstAdmin`) the web thread's client makes no query at
 * start and instantiates its query compiler with the console's first query (issue 15). Embedded,
 * `db.sql` is the client.
 */
export async function seedDirectoryIfEmpty(db: Database): Promise<boolean> {
  const [row] = await db.sql.$queryRaw<{ any: boolean }[]>(Prisma.sql`SELECT EXISTS (SELECT 1 FROM "services") AS "any"`);
  if (row?.any) return false;
  await seedDirectory(db);
  return true;
}

/** Reads and validates a directory seed file; an invalid one throws with every issue and its path. */
export async function readDirectorySeed(path: string = DIRECTORY_SEED_PATH): Promise<DirectorySeed> {
  const parsed = directorySeedSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a valid directory:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────

export interface Table {
  name: string;
  report: keyof SeedReport;
  key: string[];
  /** Column name → SQL type, as jsonb_to_recordset reads them. */
  columns: Record<string, string>;
  timestamps: boolean;
}

export const TABLES: Table[] = [
  {
    name: 'organizations',
    report: 'organizations',
    key: ['id'],
    columns: { id: 'text', name: 'jsonb', description: 'jsonb', url: 'text', email: 'text', phone: 'text', verified: 'boolean', unverified: 'text[]', source: 'jsonb', from_seed: 'boolean' },
    timestamps: true,
  },
  {
    name: 'locations',
    report: 'locations',
    key: ['id'],
    columns: { id: 'text', organization_id: 'text', name: 'jsonb', address: 'text', neighbourhood: 'text', verified: 'boolean', unverified: 'text[]', source: 'jsonb', from_seed: 'boolean' },
    timestamps: true,
  },
  {
    name: 'services',
    report: 'services',
    key: ['id'],
    columns: {
      id: 'text', organization_id: 'text', source_name: 'text', audience: 'service_audience', needs: 'text[]', min_age_months: 'integer', max_age_months: 'integer',
      pregnancy: 'service_pregnancy', free: 'boolean', languages: 'text[]', coverage: 'service_coverage', neighbourhoods: 'text[]',
      contact_phone: 'text', contact_email: 'text', contact_url: 'text', verified: 'boolean', unverified: 'text[]', source: 'jsonb', from_seed: 'boolean',
    },
    timestamps: true,
  },
  {
    name: 'service_texts',
    report: 'serviceTexts',
    key: ['service_id', 'language'],
    columns: { service_id: 'text', language: 'text', name: 'text', description: 'text', eligibility: 'text', cost: 'text', how_to_register: 'text', territory: 'text' },
    timestamps: false,
  },
  {
    name: 'service_locations',
    report: 'serviceLocations',
    key: ['service_id', 'location_id'],
    columns: { service_id: 'text', location_id: 'text' },
    timestamps: false,
  },
  {
    name: 'schedules',
    report: 'schedules',
    key: ['id'],
    columns: {
      id: 'text', service_id: 'text', description: 'jsonb', season: 'schedule_season', months: 'integer[]', frequency: 'schedule_frequency', duration: 'jsonb',
      verified: 'boolean', unverified: 'text[]', from_seed: 'boolean',
    },
    timestamps: true,
  },
];

/** One statement per table: insert new rows, update only rows that differ (so re-running writes nothing). */
export async function upsert(tx: Tx, table: Table, rows: Record<string, unknown>[]): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const names = Object.keys(table.columns);
  const quoted = names.map((name) => `"${name}"`);
  const values = names.filter((name) => !table.key.includes(name)).map((name) => `"${name}"`);
  const onConflict =
    values.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${values.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}${table.timestamps ? ', "updated_at" = CURRENT_TIMESTAMP' : ''}
         WHERE (${values.map((column) => `"${table.name}".${column}`).join(', ')}) IS DISTINCT FROM (${values.map((column) => `EXCLUDED.${column}`).join(', ')})`;
  const result = await tx.$queryRawUnsafe<{ inserted: boolean }[]>(
    `INSERT INTO "${table.name}" (${quoted.join(', ')})
     SELECT ${quoted.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${names.map((name) => `"${name}" ${table.columns[name]}`).join(', ')})
     ON CONFLICT (${table.key.map((column) => `"${column}"`).join(', ')}) ${onConflict}
     RETURNING (xmax = 0) AS "inserted"`,
    JSON.stringify(rows),
  );
  const inserted = result.filter((row) => row.inserted).length;
  return { inserted, updated: result.length - inserted };
}

/** Directory records as `toRows` reads them: the seed's, or an import's, whose records may name no source. */
export interface DirectoryRecords {
  organizations: SourceOptional<SeedOrganization>[];
  services: SourceOptional<SeedService>[];
  locations: SourceOptional<SeedLocation>[];
  schedules: SeedSchedule[];
}
type SourceOptional<T> = Omit<T, 'source' | 'source_name'> & { source?: SeedOrganization['source'] | undefined; source_name?: string | undefined };

/** The records as table rows (snake_case columns), every row marked as coming from the seed or not. */
export function toRows(seed: DirectoryRecords, fromSeed = true): Record<keyof SeedReport, Record<string, unknown>[]> & Record<'organizations' | 'services' | 'locations' | 'schedules', { id: string }[]> {
  const services = seed.services.map((s) => ({
    id: s.id,
    organization_id: s.organization_id,
    source_name: s.source_name ?? null,
    audience: s.audience,
    needs: s.needs,
    min_age_months: s.min_age_months,
    max_age_months: s.max_age_months,
    pregnancy: s.pregnancy,
    free: s.free,
    languages: s.languages,
    coverage: s.coverage,
    neighbourhoods: s.neighbourhoods,
    contact_phone: s.contact?.phone ?? null,
    contact_email: s.contact?.email ?? null,
    contact_url: s.contact?.url ?? null,
    verified: s.verified,
    unverified: s.unverified,
    source: s.source ?? null,
    from_seed: fromSeed,
  }));
  return {
    organizations: seed.organizations.map((o) => ({
      id: o.id, name: o.name, description: o.description, url: o.url ?? null, email: o.email ?? null, phone: o.phone ?? null,
      verified: o.verified, unverified: o.unverified, source: o.source ?? null, from_seed: fromSeed,
    })),
    locations: seed.locations.map((l) => ({
      id: l.id, organization_id: l.organization_id, name: l.name, address: l.address, neighbourhood: l.neighbourhood,
      verified: l.verified, unverified: l.unverified, source: l.source ?? null, from_seed: fromSeed,
    })),
    services,
    serviceTexts: seed.services.flatMap((s) =>
      LANGUAGES.map((language) => ({
        service_id: s.id,
        language,
        name: s.name[language],
        description: s.description[language],
        eligibility: s.eligibility_text[language],
        cost: s.cost[language],
        how_to_register: s.how_to_register[language],
        territory: s.territory?.[language] ?? null,
      })),
    ),
    serviceLocations: seed.services.flatMap((s) => s.location_ids.map((location_id) => ({ service_id: s.id, location_id }))),
    schedules: seed.schedules.map((s) => ({
      id: s.id, service_id: s.service_id, description: s.description, season: s.season ?? null, months: s.months ?? [], frequency: s.frequency ?? null,
      duration: s.duration ?? null, verified: s.verified, unverified: s.unverified, from_seed: fromSeed,
    })),
  };
}

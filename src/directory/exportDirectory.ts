import { writeFile } from 'node:fs/promises';
import type { Tx } from '../db/Database.ts';
import { writeCsvDirectory } from './hsdsCsv.ts';
import type { DirectoryFile } from './directoryFile.ts';
import { LANGUAGES } from './seedSchema.ts';
import type { Localized } from './seedSchema.ts';

export type { DirectoryFile } from './directoryFile.ts';

export type ExportFormat = 'json' | 'csv';

/**
 * The whole directory as HSDS records sorted by id, in the seed's shape: importing it changes nothing.
 * Values the database lacks (a text missing in one language) come out empty, so that the file shows
 * what to complete; `checkDirectory` lists them.
 */
/** `client`: `db.prisma`, or the transaction of an import that compares the file with what is there. */
export async function exportDirectory(client: Tx): Promise<DirectoryFile> {
  // Sorted here, not by the database's collation, so that PGlite and PostgreSQL write the same file.
  const organizations = (await client.organization.findMany()).sort(byId);
  const locations = (await client.location.findMany()).sort(byId);
  const services = (await client.directoryService.findMany({ include: { texts: true, locations: { select: { locationId: true } } } })).sort(byId);
  const schedules = (await client.schedule.findMany()).sort(byId);
  return {
    version: 1,
    note: NOTE,
    organizations: organizations.map((o) => ({
      id: o.id,
      name: localized(o.name),
      description: localized(o.description),
      url: o.url ?? undefined,
      email: o.email ?? undefined,
      phone: o.phone ?? undefined,
      verified: o.verified,
      unverified: o.unverified ?? [],
      source: sourceOf(o.source),
    })),
    services: services.map((s) => {
      const texts = new Map(s.texts.map((t) => [t.language, t]));
      const text = (field: 'name' | 'description' | 'eligibility' | 'cost' | 'howToRegister' | 'territory') =>
        Object.fromEntries(LANGUAGES.map((language) => [language, texts.get(language)?.[field] ?? ''])) as Localized;
      const contact = { phone: s.contactPhone ?? undefined, email: s.contactEmail ?? undefined, url: s.contactUrl ?? undefined };
      return {
        id: s.id,
        organization_id: s.organizationId,
        name: text('name'),
        source_name: s.sourceName ?? undefined,
        description: text('description'),
        eligibility_text: text('eligibility'),
        audience: s.audience,
        needs: (s.needs ?? []) as DirectoryFile['services'][number]['needs'],
        min_age_months: s.minAgeMonths,
        max_age_months: s.maxAgeMonths,
        pregnancy: s.pregnancy,
        cost: text('cost'),
        free: s.free,
        languages: s.languages ?? [],
        coverage: s.coverage,
        territory: s.texts.some((t) => t.territory !== null) ? text('territory') : undefined,
        neighbourhoods: (s.neighbourhoods ?? []) as DirectoryFile['services'][number]['neighbourhoods'],
        how_to_register: text('howToRegister'),
        contact: Object.values(contact).some((value) => value !== undefined) ? contact : undefined,
        location_ids: s.locations.map((l) => l.locationId).sort(),
        verified: s.verified,
        unverified: s.unverified ?? [],
        source: sourceOf(s.source),
      };
    }),
    locations: locations.map((l) => ({
      id: l.id,
      organization_id: l.organizationId,
      name: localized(l.name),
      address: l.address,
      neighbourhood: l.neighbourhood as DirectoryFile['locations'][number]['neighbourhood'],
      verified: l.verified,
      unverified: l.unverified ?? [],
      source: sourceOf(l.source),
    })),
    schedules: schedules.map((s) => ({
      id: s.id,
      service_id: s.serviceId,
      description: localized(s.description),
      season: s.season ?? undefined,
      months: s.months?.length ? s.months : undefined,
      frequency: s.frequency ?? undefined,
      duration: s.duration === null ? undefined : localized(s.duration),
      verified: s.verified,
      unverified: s.unverified ?? [],
    })),
  };
}

/** `json` for a path ending in `.json`, `csv` (a folder of tables) otherwise. */
export function exportFormatOf(path: string): ExportFormat {
  return path.toLowerCase().endsWith('.json') ? 'json' : 'csv';
}

/** The directory as the JSON text of a file. */
export function directoryJson(directory: DirectoryFile): string {
  return `${JSON.stringify(directory, null, 2)}\n`;
}

/** Writes the directory to `path`: a JSON file, or a folder of CSV tables (created when missing). Returns the files written. */
export async function writeDirectoryExport(directory: DirectoryFile, path: string, format: ExportFormat = exportFormatOf(path)): Promise<string[]> {
  if (format === 'csv') return writeCsvDirectory(path, directory);
  await writeFile(path, directoryJson(directory));
  return [path];
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────

const NOTE = 'Exported with `npm run directory:export`; edit it and load it back with `npm run directory:import -- <this file>`.';

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A {fr,en,es,ht} JSON column; a language it lacks comes out empty. */
function localized(json: unknown): Localized {
  const value = json && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  return Object.fromEntries(LANGUAGES.map((language) => [language, typeof value[language] === 'string' ? value[language] : ''])) as Localized;
}

/** A {file,line,quote} or {url,publisher?,title?,quote?} JSON column, as written by the seed or an import. */
function sourceOf(json: unknown): DirectoryFile['organizations'][number]['source'] {
  if (!json || typeof json !== 'object') return undefined;
  const { file, line, quote, url, publisher, title } = json as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const optional = (value: unknown) => (typeof value === 'string' ? value : undefined);
  if (typeof url === 'string' && file === undefined) return { url, publisher: optional(publisher), title: optional(title), quote: optional(quote) };
  return { file: text(file), line: typeof line === 'number' ? line : 0, quote: text(quote) };
}

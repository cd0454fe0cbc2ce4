import { readFile, stat } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Database, Tx } from '../db/Database.ts';
import { exportDirectory } from './exportDirectory.ts';
import { RECORD_TABLES, type DirectoryFile, type DirectoryInput, type InputRecord, type Position, type RecordTable, type Rejection } from './directoryFile.ts';
import { readCsvInput } from './hsdsCsv.ts';
import { invalidateDirectoryIndex } from './searchDirectory.ts';
import { TABLES, toRows, upsert } from './seedDirectory.ts';
import { checkService, checkVerified, documentSourceSchema, localizedSchema, locationSchema, organizationSchema, pageSourceSchema, scheduleSchema, serviceSchema } from './seedSchema.ts';


const text = localizedSchema.shape.fr;
const slug = organizationSchema.shape.id;
// Records added by coordinators cite no seed document: a source, when given, names any file, or a web page.
const importSourceSchema = z.union([documentSourceSchema.extend({ file: text }), pageSourceSchema]);
const unverified = z.array(text.refine((field) => !field.includes(';'), 'a field name without ";" (CSV separates the list with it)')).default([]);

/**
 * One record as an import reads it: the seed's shape (`seedSchema.ts`), except that `source` and
 * `source_name` are optional, and a service without `location_ids` keeps the locations it has.
 */
export const IMPORT_SCHEMAS = {
  organizations: organizationSchema.extend({ source: importSourceSchema.optional(), unverified }),
  locations: locationSchema.extend({ source: importSourceSchema.optional(), unverified }),
  services: z
    .strictObject({
      ...serviceSchema.shape,
      source_name: text.optional(),
      source: importSourceSchema.optional(),
      location_ids: z.array(slug).refine((ids) => new Set(ids).size === ids.length, 'a location is listed twice').optional(),
      unverified,
    })
    .superRefine(checkService),
  schedules: scheduleSchema.extend({ unverified }),
};
type Imported = { [T in RecordTable]: z.output<(typeof IMPORT_SCHEMAS)[T]>[] };

export type ImportCounts = Record<RecordTable, { created: number; updated: number; unchanged: number }>;

export type ImportResult = { ok: true; counts: ImportCounts; dryRun: boolean } | { ok: false; rejected: Rejection[] };

/**
 * Checks every record against the schema, the other records and the directory in the database,
 * then writes the new and changed records in one transaction, or nothing at all when any row is
 * rejected (or on `dryRun`). A record replaces the stored record of the same id; records the file
 * does not mention are kept. Written rows are not from the seed (`from_seed = false`): a seeded
 * record the import changes becomes an edited one, which `db:seed` no longer deletes.
 */
export async function importDirectory(db: Database, input: DirectoryInput, options: { dryRun?: boolean } = {}): Promise<ImportResult> {
  const dryRun = options.dryRun ?? false;
  let wrote = false;
  const result = await db.transaction(
    async (tx): Promise<ImportResult> => {
      const existing = byId(await exportDirectory(tx));
      const checked = checkRecords(input, existing);
      if (checked.rejected.length > 0) return { ok: false, rejected: checked.rejected };
      const { counts, changed } = planChanges(checked.records, existing);
      if (!dryRun) wrote = await writeRecords(tx, changed);
      return { ok: true, counts, dryRun };
    },
    // Reading the whole directory and writing a large file take a few seconds on the embedded database.
    { timeoutMs: 300_000 },
  );
  if (wrote) invalidateDirectoryIndex(db);
  return result;
}

/** Reads a directory file: JSON (the shape of `prisma/seed/directory.json`), a folder of CSV tables, or one of those `.csv` files. */
export async function readDirectoryInput(path: string): Promise<DirectoryInput> {
  const isFolder = (await stat(path).catch(() => undefined))?.isDirectory();
  if (isFolder === undefined) throw new Error(`${path}: no such file or folder`);
  if (isFolder || path.toLowerCase().endsWith('.csv')) return readCsvInput(path);
  return jsonInput(path, await readFile(path, 'utf8'));
}

/** The records of a JSON directory text, each located by its JSON path (and line, computed only when a row is rejected). */
export function jsonInput(file: string, json: string): DirectoryInput {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message);
    const line = position ? json.slice(0, Number(position[1])).split('\n').length : undefined;
    return { records: [], problems: [{ file, line, reasons: [`not valid JSON: ${(error as Error).message}`] }] };
  }
  let lines: ((path: PropertyKey[]) => number | undefined) | undefined;
  return recordsOf(file, data, (path) => (lines ??= jsonLines(json))(path));
}

/** The problems that would stop `directory` (an export) from being imported again: incomplete rows added outside the import. */
export function checkDirectory(directory: DirectoryFile, file: string): Rejection[] {
  return checkRecords(recordsOf(file, directory, () => undefined), emptyDirectory()).rejected;
}

/** One line per rejected row: `services.csv:14 (sm-halte): max_age_months: …` or `x.json:345 services[12] (sm-halte): …`. */
export function formatRejection(rejection: Rejection): string {
  const where = [rejection.line === undefined ? rejection.file : `${rejection.file}:${rejection.line}`, rejection.path].filter(Boolean).join(' ');
  return `${where}${rejection.id ? ` (${rejection.id})` : ''}: ${rejection.reasons.join('; ')}`;
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────

const JSON_FILE_SCHEMA = z.strictObject({
  version: z.literal(1).optional(),
  note: z.string().optional(),
  organizations: z.array(z.unknown()).default([]),
  services: z.array(z.unknown()).default([]),
  locations: z.array(z.unknown()).default([]),
  schedules: z.array(z.unknown()).default([]),
});

function recordsOf(file: string, data: unknown, lineOf: (path: PropertyKey[]) => number | undefined): DirectoryInput {
  const parsed = JSON_FILE_SCHEMA.safeParse(data, { error: friendlyError });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({ file, line: lineOf(issue.path.slice(0, 1)), reasons: [`${dotted(issue.path) || 'file'}: ${issue.message}`] }));
    return { records: [], problems };
  }
  const records = RECORD_TABLES.flatMap((table) =>
    parsed.data[table].map((row, index): InputRecord => ({
      table,
      data: row,
      locate: (path) => ({ at: { file, path: `${table}[${index}]`, line: lineOf([table, index]) }, field: dotted(path) }),
    })),
  );
  return { records, problems: [] };
}

type Existing = { [T in RecordTable]: Map<string, DirectoryFile[T][number]> };

function byId(directory: DirectoryFile): Existing {
  const map = <R extends { id: string }>(rows: R[]) => new Map(rows.map((row) => [row.id, row]));
  return { organizations: map(directory.organizations), locations: map(directory.locations), services: map(directory.services), schedules: map(directory.schedules) };
}

function emptyDirectory(): Existing {
  return byId({ version: 1, organizations: [], services: [], locations: [], schedules: [] });
}

type Problem = [path: readonly PropertyKey[], message: string];

/** The fields naming another record, and the table it must be in (the file or the database). */
const REFERENCES: Record<RecordTable, [field: string, table: RecordTable][]> = {
  organizations: [],
  locations: [['organization_id', 'organizations']],
  services: [['organization_id', 'organizations'], ['location_ids', 'locations']],
  schedules: [['service_id', 'services']],
};

/** Every record parsed, or every rejected row with all its reasons. */
function checkRecords(input: DirectoryInput, existing: Existing): { records: Imported; rejected: Rejection[] } {
  const rejections = new Map<string, Rejection>();
  const reject = (record: InputRecord, path: readonly PropertyKey[], message: string) => {
    const { at, field } = record.locate(path);
    const key = `${at.file}\n${at.path ?? ''}\n${at.line ?? ''}`;
    const rejection = rejections.get(key) ?? { ...at, id: idOf(record.data), reasons: [] };
    rejection.reasons.push(field ? `${field}: ${message}` : message);
    rejections.set(key, rejection);
  };

  // Ids of the file, valid or not, so that one bad record does not also fail those naming it.
  const known = Object.fromEntries(RECORD_TABLES.map((table) => [table, new Set(existing[table].keys())])) as Record<RecordTable, Set<string>>;
  const first = new Map<string, InputRecord>();
  for (const record of input.records) {
    const id = idOf(record.data);
    if (id === undefined) continue;
    const seen = first.get(`${record.table}\n${id}`);
    if (seen) reject(record, ['id'], `"${id}" is already used at ${label(seen.locate([]).at)}`);
    else first.set(`${record.table}\n${id}`, record);
    known[record.table].add(id);
  }
  // References are checked on the raw row too, so that a row shows all its problems at once.
  const references = (record: InputRecord): Problem[] =>
    REFERENCES[record.table].flatMap(([field, table]) => {
      const value = (record.data as Record<string, unknown> | null)?.[field];
      const ids = Array.isArray(value) ? value : [value];
      return ids.flatMap((id, index): Problem[] =>
        typeof id === 'string' && !known[table].has(id) ? [[Array.isArray(value) ? [field, index] : [field], `unknown ${table.slice(0, -1)} "${id}"`]] : [],
      );
    });
  const verified = (problem: string | null): Problem[] => (problem ? [[['verified'], problem]] : []);

  const parseAll = <R>(table: RecordTable, schema: z.ZodType<R>, verifiedProblem: (record: R) => string | null): R[] =>
    input.records
      .filter((record) => record.table === table)
      .flatMap((record) => {
        const parsed = schema.safeParse(record.data, { error: friendlyError });
        const problems: Problem[] = [
          ...(parsed.success ? [] : parsed.error.issues.map((issue): Problem => [issue.path, issue.message])),
          ...references(record),
          ...(parsed.success ? verified(verifiedProblem(parsed.data)) : []),
        ];
        for (const [path, message] of problems) reject(record, path, message);
        return parsed.success && problems.length === 0 ? [parsed.data] : [];
      });

  const records: Imported = {
    organizations: parseAll('organizations', IMPORT_SCHEMAS.organizations, (o) => checkVerified(o, [o.phone])),
    locations: parseAll('locations', IMPORT_SCHEMAS.locations, (l) => checkVerified(l, [], l.address)),
    services: parseAll('services', IMPORT_SCHEMAS.services, (s) => checkVerified(s, [s.contact?.phone])),
    schedules: parseAll('schedules', IMPORT_SCHEMAS.schedules, (s) => checkVerified(s, [])),
  };
  const order = (r: Rejection) => [r.file, String(r.line ?? Number.MAX_SAFE_INTEGER).padStart(16, '0'), r.path ?? ''].join('\n');
  const rejected = [...input.problems, ...rejections.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { records, rejected };
}

type Changed = { [T in RecordTable]: DirectoryFile[T] };

/** Compares each record with the stored one: new, changed (to write) or the same. */
function planChanges(records: Imported, existing: Existing): { counts: ImportCounts; changed: Changed } {
  const counts = {} as ImportCounts;
  const diff = <R extends { id: string }>(table: RecordTable, rows: R[], stored: Map<string, unknown>): R[] => {
    counts[table] = { created: 0, updated: 0, unchanged: 0 };
    return rows.filter((row) => {
      const before = stored.get(row.id);
      const same = before !== undefined && canonical(before) === canonical(row);
      counts[table][same ? 'unchanged' : before ? 'updated' : 'created']++;
      return !same;
    });
  };
  const services = records.services.map((service) => ({
    ...service,
    // No location_ids: the service keeps the locations it has. Their order means nothing.
    location_ids: [...(service.location_ids ?? existing.services.get(service.id)?.location_ids ?? [])].sort(),
    contact: service.contact && Object.values(service.contact).some((value) => value !== undefined) ? service.contact : undefined,
  }));
  const changed: Changed = {
    organizations: diff('organizations', records.organizations, existing.organizations),
    locations: diff('locations', records.locations, existing.locations),
    services: diff('services', services, existing.services),
    schedules: diff('schedules', records.schedules.map(normalizeSchedule), existing.schedules),
  };
  return { counts, changed };
}

/** Writes the changed records as rows not from the seed. Returns whether anything was written. */
async function writeRecords(tx: Tx, changed: Changed): Promise<boolean> {
  if (RECORD_TABLES.every((table) => changed[table].length === 0)) return false;
  const rows = toRows(changed, false);
  for (const table of TABLES) await upsert(tx, table, rows[table.report]);
  // A changed service is offered exactly at the locations of the file.
  await tx.$executeRawUnsafe(
    `DELETE FROM "service_locations" AS sl
      WHERE sl."service_id" IN (SELECT jsonb_array_elements_text($1::jsonb))
        AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS r("service_id" text, "location_id" text)
                         WHERE r."service_id" = sl."service_id" AND r."location_id" = sl."location_id")`,
    JSON.stringify(rows.services.map((row) => row.id)),
    JSON.stringify(rows.serviceLocations),
  );
  return true;
}

// The database keeps no empty month list apart from a missing one.
function normalizeSchedule(schedule: Imported['schedules'][number]): DirectoryFile['schedules'][number] {
  return schedule.months?.length ? schedule : { ...schedule, months: undefined };
}

/** The record as JSON with sorted keys and no undefined values, to compare records. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)))
      : item,
  );
}

function idOf(data: unknown): string | undefined {
  const id = data && typeof data === 'object' && 'id' in data ? data.id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** `services.csv:3`, `x.json:12 services[0]`. */
function label(at: Position): string {
  return formatRejection({ ...at, reasons: [] }).replace(/: $/, '');
}

/** `name.fr`, `needs[2]`. */
function dotted(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`)).join('');
}

/** Short messages a coordinator can act on ("required", `"x" is not one of …`) instead of zod's generic ones. */
const friendlyError: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'required';
  if (issue.code === 'invalid_type' && typeof issue.input === 'string') return `"${issue.input}" is not ${issue.expected === 'boolean' ? 'true or false' : `a ${issue.expected}`}`;
  if (issue.code === 'invalid_value') return `${JSON.stringify(issue.input)} is not one of: ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return 'empty';
  if (issue.code === 'too_small' && issue.origin === 'number') return `${String(issue.input)} is below ${issue.minimum}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `${String(issue.input)} is above ${issue.maximum}`;
  return undefined;
};

/** The line where each JSON path starts, through the `yaml` parser (JSON is YAML) which keeps source positions. */
function jsonLines(json: string): (path: PropertyKey[]) => number | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(json, { lineCounter });
  return (path) => {
    const node = document.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  };
}

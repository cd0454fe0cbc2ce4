import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CsvError } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { DirectoryFile, DirectoryInput, InputRecord, Position, RecordTable, Rejection } from './directoryFile.ts';
import { LANGUAGES } from './seedSchema.ts';

/** The tables of a CSV directory, after HSDS: one file each, named `<table>.csv`. */
export const CSV_TABLES = ['organizations', 'services', 'locations', 'service_at_location', 'schedules'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

const localized = (name: string) => LANGUAGES.map((language) => `${name}_${language}`);
// A seed document (file, line, quote) or an official page (url, publisher, title): one or the other is filled.
const SOURCE = ['source_file', 'source_line', 'source_quote', 'source_url', 'source_publisher', 'source_title'];

/**
 * The columns of each table, in the order an export writes them. They are the JSON keys, with a
 * text's four languages as `name_fr,name_en,name_es,name_ht`, `contact.phone` as `contact_phone`,
 * `source.file` as `source_file` (`source_url` for a web page), and lists `;`-separated. A service's `location_ids` are the rows
 * of `service_at_location.csv`.
 */
export const CSV_COLUMNS: Record<CsvTable, string[]> = {
  organizations: ['id', ...localized('name'), ...localized('description'), 'url', 'email', 'phone', 'verified', 'unverified', ...SOURCE],
  services: [
    'id', 'organization_id', ...localized('name'), 'source_name', ...localized('description'), ...localized('eligibility_text'), 'audience', 'needs',
    'min_age_months', 'max_age_months', 'pregnancy', ...localized('cost'), 'free', 'languages', 'coverage', ...localized('territory'), 'neighbourhoods',
    ...localized('how_to_register'), 'contact_phone', 'contact_email', 'contact_url', 'verified', 'unverified', ...SOURCE,
  ],
  locations: ['id', 'organization_id', ...localized('name'), 'address', 'neighbourhood', 'verified', 'unverified', ...SOURCE],
  service_at_location: ['service_id', 'location_id'],
  schedules: ['id', 'service_id', ...localized('description'), 'season', 'months', 'frequency', ...localized('duration'), 'verified', 'unverified'],
};

/**
 * Reads a folder of CSV tables, or one table (`services.csv` alone updates services and keeps
 * their locations). Every row becomes a record located by file and line; malformed rows, unknown
 * columns and unknown files are problems. A semicolon-separated file (Excel in French) is read too.
 */
export async function readCsvInput(target: string): Promise<DirectoryInput> {
  const problems: Rejection[] = [];
  const files = (await stat(target)).isDirectory()
    ? (await readdir(target)).filter((name) => name.toLowerCase().endsWith('.csv')).sort().map((name) => path.join(target, name))
    : [target];
  if (files.length === 0) problems.push({ file: target, reasons: [`no CSV file here: expected ${CSV_TABLES.map((t) => `${t}.csv`).join(', ')}`] });
  const tables: Partial<Record<CsvTable, Row[]>> = {};
  for (const file of files) {
    const table = CSV_TABLES.find((name) => `${name}.csv` === path.basename(file).toLowerCase());
    if (!table) problems.push({ file, reasons: [`not a directory table: name it ${CSV_TABLES.map((t) => `${t}.csv`).join(', ')}`] });
    else tables[table] = await readTable(file, table, problems);
  }
  return { records: toRecords(tables, problems), problems };
}

/** Writes the five tables into `folder` (created when missing), replacing those files. Returns the files written. */
export async function writeCsvDirectory(folder: string, directory: DirectoryFile): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const rows: Record<CsvTable, object[]> = {
    organizations: directory.organizations,
    services: directory.services,
    locations: directory.locations,
    service_at_location: directory.services.flatMap((s) => s.location_ids.map((location_id) => ({ service_id: s.id, location_id }))),
    schedules: directory.schedules,
  };
  const written: string[] = [];
  for (const table of CSV_TABLES) {
    const columns = CSV_COLUMNS[table];
    const cells = rows[table].map((record) => columns.map((column) => cellOf(valueAt(record, pathOf(column)))));
    const file = path.join(folder, `${table}.csv`);
    // The byte-order mark tells Excel the file is UTF-8 (accents, Creole).
    await writeFile(file, stringify([columns, ...cells], { bom: true, record_delimiter: '\n' }));
    written.push(file);
  }
  return written;
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────

interface Row {
  cells: Record<string, string>;
  at: Position;
}

async function readTable(file: string, table: CsvTable, problems: Rejection[]): Promise<Row[]> {
  const text = await readFile(file, 'utf8');
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = header.includes(';') && !header.includes(',') ? ';' : ',';
  const known = new Set(CSV_COLUMNS[table]);
  const parsed = parse(text, {
    bom: true,
    delimiter,
    columns: (names: string[]) => {
      const unknown = names.filter((name) => !known.has(name.trim()));
      if (unknown.length > 0) problems.push({ file, line: 1, reasons: [`unknown column ${unknown.map((n) => `"${n}"`).join(', ')}: the columns of ${table}.csv are ${CSV_COLUMNS[table].join(', ')}`] });
      // An unknown column is reported once, here, and left out of the rows.
      return names.map((name) => (known.has(name.trim()) ? name.trim() : false));
    },
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => void problems.push({ file, line: typeof error?.lines === 'number' ? error.lines : undefined, reasons: [`not a valid CSV row: ${error?.message ?? 'unreadable'}`] }),
  }) as { record: Record<string, string>; info: { lines: number }; raw: string }[];
  // `lines` is the record's last line; a quoted cell may span several.
  return parsed.map(({ record, info, raw }) => ({ cells: record, at: { file, line: info.lines - (raw.replace(/^[\r\n]+|[\r\n]+$/g, '').match(/\n/g)?.length ?? 0) } }));
}

/** The records of the tables; a service's `location_ids` come from `service_at_location.csv` when it is given. */
function toRecords(tables: Partial<Record<CsvTable, Row[]>>, problems: Rejection[]): InputRecord[] {
  const services = new Set((tables.services ?? []).map((row) => row.cells.id?.trim()));
  const links = new Map<string, Row[]>();
  for (const link of tables.service_at_location ?? []) {
    const serviceId = link.cells.service_id?.trim() ?? '';
    const locationId = link.cells.location_id?.trim() ?? '';
    const reject = (reason: string) => problems.push({ ...link.at, id: serviceId || undefined, reasons: [reason] });
    if (!serviceId) reject('service_id: required');
    else if (!services.has(serviceId)) reject(`service_id: service "${serviceId}" is not in services.csv (a service's locations are imported with the service)`);
    else if ((links.get(serviceId) ?? []).some((other) => other.cells.location_id?.trim() === locationId)) reject(`location_id: "${locationId}" is already listed for "${serviceId}"`);
    else links.set(serviceId, [...(links.get(serviceId) ?? []), link]);
  }
  const record = (table: RecordTable, row: Row, extra: Record<string, unknown> = {}, linkRows: Row[] = []): InputRecord => ({
    table,
    data: { ...recordOf(row.cells), ...extra },
    locate: (at) => {
      const link = at[0] === 'location_ids' && typeof at[1] === 'number' ? linkRows[at[1]] : undefined;
      return link ? { at: link.at, field: 'location_id' } : { at: row.at, field: columnOf(at) };
    },
  });
  return [
    ...(tables.organizations ?? []).map((row) => record('organizations', row)),
    ...(tables.locations ?? []).map((row) => record('locations', row)),
    ...(tables.services ?? []).map((row) => {
      if (!tables.service_at_location) return record('services', row);
      const own = links.get(row.cells.id?.trim() ?? '') ?? [];
      return record('services', row, { location_ids: own.map((link) => valueOf('location_id', link.cells.location_id ?? '')) }, own);
    }),
    ...(tables.schedules ?? []).map((row) => record('schedules', row)),
  ];
}

const LOCALIZED = new Set(['name', 'description', 'eligibility_text', 'cost', 'territory', 'how_to_register', 'duration']);
const LISTS = new Set(['needs', 'languages', 'neighbourhoods', 'unverified', 'months']);
const GROUPED = /^(contact)_(phone|email|url)$|^(source)_(file|line|quote|url|publisher|title)$/;
const NUMBERS = new Set(['min_age_months', 'max_age_months', 'source_line', 'months']);
const BOOLEANS = new Set(['verified', 'free']);
// An empty cell means "no limit" for ages, "none" for lists, and "missing" for everything else.
const NULLABLE = new Set(['min_age_months', 'max_age_months']);

const LOCALIZED_COLUMN = new RegExp(`^(.+)_(${LANGUAGES.join('|')})$`);

/** Where a column's value sits in a record: `name_fr` → name.fr, `contact_phone` → contact.phone. */
function pathOf(column: string): string[] {
  const language = LOCALIZED_COLUMN.exec(column);
  if (language && LOCALIZED.has(language[1]!)) return [language[1]!, language[2]!];
  const grouped = GROUPED.exec(column);
  if (grouped) return grouped.slice(1).filter(Boolean) as string[];
  return [column];
}

/** The column(s) holding a record's field, for messages. */
function columnOf(at: readonly PropertyKey[]): string {
  const [key, sub] = at.map(String);
  if (key === undefined) return '';
  if (sub !== undefined && (LOCALIZED.has(key) || key === 'contact' || key === 'source')) return `${key}_${sub}`;
  if (LOCALIZED.has(key)) return localized(key).join(', ');
  if (key === 'source') return SOURCE.join(', ');
  return key;
}

/** A row as a JSON-shaped record, typed where the text is unambiguous; the schema judges the rest. */
function recordOf(cells: Record<string, string>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(cells)) {
    const value = valueOf(column, cell);
    if (value === undefined) continue;
    const [key, sub] = pathOf(column) as [string, string | undefined];
    if (sub === undefined) record[key] = value;
    else record[key] = { ...(record[key] as object | undefined), [sub]: value };
  }
  return record;
}

/** A cell as a JSON value: lists split, whole numbers and true/false converted in their columns; anything else stays text. */
function valueOf(column: string, cell: string): unknown {
  if (LISTS.has(column)) {
    const items = cell.split(';').map((item) => item.trim()).filter(Boolean);
    return column === 'months' ? items.map((item) => (/^\d+$/.test(item) ? Number(item) : item)) : items;
  }
  const value = cell.trim();
  if (value === '') return NULLABLE.has(column) ? null : undefined;
  if (NUMBERS.has(column) && /^-?\d+$/.test(value)) return Number(value);
  if (BOOLEANS.has(column) && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return value;
}

function valueAt(record: object, at: string[]): unknown {
  return at.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), record);
}

function cellOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(';');
  return String(value);
}

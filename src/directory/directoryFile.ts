import type { DirectoryRecords } from './seedDirectory.ts';

// The shapes a directory has as a file, read (import) and written (export, CSV or JSON); in their
// own module so that the CSV reader/writer and the import and export need not import each other.

/** A directory file: the shape of `prisma/seed/directory.json`, which `directory:import` reads back. */
export interface DirectoryFile extends DirectoryRecords {
  version: 1;
  note?: string | undefined;
}

/** The four kinds of records of a directory, in the order they are written (parents first). */
export const RECORD_TABLES = ['organizations', 'locations', 'services', 'schedules'] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

/** Where something sits in an import: a file, and in it a line (CSV, JSON when known) or a JSON path. */
export interface Position {
  file: string;
  line?: number | undefined;
  path?: string | undefined;
}

/** A row the import refused, with every reason ("field: problem"). */
export interface Rejection extends Position {
  id?: string | undefined;
  reasons: string[];
}

/** One record read from a file, not checked yet. */
export interface InputRecord {
  table: RecordTable;
  data: unknown;
  /** Where a field of the record is written (CSV: its row and column; JSON: the record and dotted path). */
  locate(path: readonly PropertyKey[]): { at: Position; field: string };
}

/** What a file or folder holds, before checking: its records, and problems met while reading it. */
export interface DirectoryInput {
  records: InputRecord[];
  problems: Rejection[];
}

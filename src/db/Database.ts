import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import lockfile from 'proper-lockfile';
import { requirePg } from './requirePg.ts';
import { PrismaClient, type Prisma } from '../generated/prisma/client.ts';
import { processAlive } from '../processAlive.ts';

// Each kind of database loads only its own driver, in `open` (pg through `requirePg`, the rest by
// dynamic import): PGlite and its
// Prisma adapter held 2.9 MiB of V8 heap in each thread on PostgreSQL, pg and its adapter 6.2
// MiB embedded (`node --expose-gc`, heap used after importing each into an empty process; issue 15).

// PostgreSQL's default 128 MB of shared buffers is all touched at start-up inside PGlite's
// WebAssembly memory, which never shrinks; the embedded database is a few MB and the operating
// system's file cache keeps its pages anyway. 16 MB saved about 120 MB resident (bench/RESULTS.md);
// 8 MB about 7 MB more, with the same CPU per message in the bench.
const PGLITE_SHARED_BUFFERS = ['-c', 'shared_buffers=8MB'];

/** Names a statement after its text (hashed once per distinct text; the set of texts is small). */
function cachedStatementNames(prefix = 'b_'): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined) {
      name = `${prefix}${createHash('sha1').update(sql).digest('base64url')}`;
      // Bounded, should some caller build statements with ever-new text.
      if (names.size >= 10_000) names.clear();
      names.set(sql, name);
    }
    return name;
  };
}

/** A Prisma client, or the transaction client handed to `$transaction` callbacks. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * Runs one statement built with `Prisma.sql`: `$queryRaw` resolves to its rows, `$executeRaw` to
 * the number of rows changed. A Prisma client or transaction is one; so is `Database.sql`.
 */
export interface SqlRunner {
  $queryRaw<T = unknown>(query: Prisma.Sql): Promise<T>;
  $executeRaw(query: Prisma.Sql): Promise<number>;
}

/** Runs plain SQL (several statements allowed) outside Prisma: migrations and locks need it. */
export interface SqlSession {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface DatabaseOptions {
  /** postgresql://… to use a PostgreSQL server; otherwise the embedded PGlite database. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; ":memory:" keeps it in memory (tests). */
  dataDir?: string;
  /**
   * Embedded, in memory only: the starting contents, a data folder as `dump` returned it, instead
   * of an empty database (tests start each database from one migrated copy). Ignored otherwise.
   */
  initialData?: Blob;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
  /** Embedded, in a folder: how long to wait, in ms, for a lock of unknown holder to lapse (LOCK_WAIT_MS, 35 s). */
  lockWaitMs?: number;
  /** Told when an idle pooled connection dies (server restart); the pool reconnects by itself. */
  onConnectionError?: (error: Error) => void;
}

/**
 * The app's database: Prisma over PGlite (embedded, default) or PostgreSQL. Code that writes
 * takes the client to write through as a `Tx` parameter (`db.prisma`, or the transaction
 * `transaction` hands its callback), so a reader sees which writes commit together.
 */
export class Database {
  readonly prisma: PrismaClient;
  readonly kind: 'pglite' | 'postgres';
  /** Connections available for concurrent work: 1 for PGlite (single connection). */
  readonly concurrency: number;
  /**
   * The statements every message runs (store it, load its turn, commit it, mark its replies
   * sent), outside any transaction: on PostgreSQL straight on the pool; on PGlite through Prisma.
   */
  readonly sql: SqlRunner;
  /** On PostgreSQL: its pool, the pg module it came from (for connections of their own) and its URL. */
  private readonly postgres: { pool: pg.Pool; pg: typeof pg; url: string } | undefined;
  private readonly pglite: PGlite | undefined;
  /** Frees the embedded data folder for another process (`DataFolderInUseError`). */
  private readonly unlock: (() => Promise<void>) | undefined;

  private constructor(args: { prisma: PrismaClient; postgres?: Database['postgres']; pglite?: PGlite; unlock?: () => Promise<void>; concurrency: number }) {
    this.prisma = args.prisma;
    this.postgres = args.postgres;
    this.pglite = args.pglite;
    this.unlock = args.unlock;
    this.kind = args.postgres ? 'postgres' : 'pglite';
    this.concurrency = args.concurrency;
    this.sql = args.postgres ? directSql(args.postgres.pool, args.postgres.pg) : prismaSql(args.prisma);
  }

  /** Opens the database named by the options (PostgreSQL when a URL is given). */
  static async open(options: DatabaseOptions): Promise<Database> {
    if (options.databaseUrl) {
      const pg = requirePg();
      const { PrismaPg } = await import('@prisma/adapter-pg');
      const poolSize = options.poolSize ?? 10;
      const pool = new pg.Pool({ connectionString: options.databaseUrl, max: poolSize, application_name: 'bienvenue' });
      // Without a listener, an idle connection killed by the server would crash the process.
      pool.on('error', (error) => options.onConnectionError?.(error));
      // Named statements: each connection parses and plans a statement once, not on every call.
      // The turn's statements are large CTEs whose planning cost more than their execution.
      const statementNameGenerator = cachedStatementNames();
      const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: false, statementNameGenerator }) });
      return new Database({ prisma, postgres: { pool, pg, url: options.databaseUrl }, concurrency: Math.max(1, poolSize - 2) });
    }
    const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
    const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, ...PGLITE_SHARED_BUFFERS];
    const dataDir = options.dataDir ?? './data';
    let pglite: PGlite;
    let unlock: (() => Promise<void>) | undefined;
    if (dataDir === ':memory:') {
      pglite = await PGlite.create({ startParams: PGLITE_START_PARAMS, loadDataDir: options.initialData });
    } else {
      const dir = path.resolve(dataDir, 'pglite');
      mkdirSync(dir, { recursive: true });
      unlock = await lockDataFolder(dir, options.lockWaitMs ?? LOCK_WAIT_MS);
      try {
        pglite = await PGlite.create(dir, { startParams: PGLITE_START_PARAMS });
      } catch (error) {
        await unlock();
        throw error;
      }
    }
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return new Database({ prisma, pglite, unlock, concurrency: 1 });
  }

  /** The PostgreSQL connection pool, for libraries that speak to it directly (rate limiting); undefined on PGlite. */
  pgPool(): pg.Pool | undefined {
    return this.postgres?.pool;
  }

  /**
   * Runs `work` in one new transaction, committed when it resolves and rolled back when it
   * throws; everything meant to be part of it goes through the `tx` it is given (as trigger.dev's
   * `$transaction(prisma, fn)`). There is no nesting: code that may run inside a transaction
   * takes a `Tx` instead of opening one. `timeoutMs`: how long it may stay open (default 30 s).
   */
  transaction<T>(work: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    return this.prisma.$transaction((tx) => work(tx), {
      timeout: options.timeoutMs ?? 30_000,
      maxWait: 60_000,
    });
  }

  /** Holds one dedicated SQL session for `work` (a pool connection, or PGlite's exclusive lock). */
  async withSqlSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    if (this.postgres) {
      const client = await this.postgres.pool.connect();
      try {
        return await work({
          exec: async (sql) => void (await client.query(sql)),
          query: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R[],
        });
      } finally {
        client.release();
      }
    }
    const pglite = this.pglite!;
    return pglite.transaction(async (tx) =>
      work({
        exec: async (sql) => void (await tx.exec(sql)),
        query: async <R>(sql: string, params?: unknown[]) => (await tx.query<R>(sql, params)).rows,
      }),
    );
  }

  /**
   * Calls `onPayload` for every NOTIFY on `channel`, from any connection or app instance.
   * PostgreSQL: a dedicated connection, reconnected after a loss (`onError` hears of it).
   * PGlite: its own listen (one process owns the embedded database). Returns the unlistener.
   */
  async listen(channel: string, onPayload: (payload: string) => void, onError?: (error: Error) => void): Promise<() => Promise<void>> {
    if (!this.postgres) return this.pglite!.listen(channel, onPayload);
    const { pg, url } = this.postgres;
    let client: pg.Client | undefined;
    let closed = false;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: url, application_name: 'bienvenue-listen' });
      next.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      next.on('error', (error) => {
        onError?.(error);
        reconnect();
      });
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      client = next;
    };
    const reconnect = () => {
      void client?.end().catch(() => undefined);
      client = undefined;
      if (closed || retry) return;
      retry = setTimeout(() => {
        retry = undefined;
        if (!closed) connect().catch((error: Error) => (onError?.(error), reconnect()));
      }, 1000);
      retry.unref();
    };
    await connect();
    return async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  }

  /**
   * Opens a connection of its own, outside the pool, for state that lives as long as the
   * session (a session-level advisory lock). PostgreSQL only. `onError` hears of its loss (the
   * server restarted, the network dropped): whatever the session held is then gone.
   */
  async openSession(onError: (error: Error) => void): Promise<SqlSession & { close: () => Promise<void> }> {
    if (!this.postgres) throw new Error('a dedicated session needs PostgreSQL (DATABASE_URL)');
    const { pg, url } = this.postgres;
    const client = new pg.Client({ connectionString: url, application_name: 'bienvenue-instance' });
    client.on('error', onError);
    await client.connect();
    return {
      exec: async (sql) => void (await client.query(sql)),
      query: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R[],
      close: () => client.end().catch(() => undefined),
    };
  }

  /**
   * The embedded database's whole data folder as an uncompressed tar archive (PGlite's
   * `dumpDataDir`), for `initialData`; an Error on PostgreSQL (use pg_dump there).
   */
  async dump(): Promise<Blob> {
    if (!this.pglite) throw new Error('dump is for the embedded database only');
    return this.pglite.dumpDataDir('none');
  }

  async close(): Promise<void> {
    try {
      await this.prisma.$disconnect();
      await this.postgres?.pool.end();
      await this.pglite?.close();
    } finally {
      await this.unlock?.();
    }
  }
}

/** Another process (the app, `npm run chat`, a command) has the embedded database's folder open. */
export class DataFolderInUseError extends Error {
  constructor(readonly folder: string) {
    super(
      `The embedded database in ${folder} is open in another process (the app, npm run chat or a command): ` +
        'one process at a time, or its data is lost. Stop that process first; the worker and audit commands and npm run chat go through a running app by themselves.',
    );
  }
}

// How long a holder's lock may go without being refreshed before it is taken for a crashed process's
// (proper-lockfile refreshes it every `stale / 2`), and how long an opening waits for that. Both only
// matter when the holder's process id is unknown: a live holder is refused at once, a dead one's lock
// is removed at once.
const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 35_000;

/**
 * Takes `folder` for this process, with a lock directory beside it (`<folder>.lock`, proper-lockfile)
 * and the holder's process id in `<folder>.lock.pid`: two processes on one PGlite folder each write
 * over the other's pages. Throws DataFolderInUseError when a live process holds it (however long it
 * has been paused); a crashed holder's lock is removed at once; without a process id, an opening
 * waits up to `waitMs` for the lock to lapse. Returns the release. Losing the lock while holding it
 * (someone removed it) stops the process: going on could lose data, a restart loses nothing.
 */
async function lockDataFolder(folder: string, waitMs: number): Promise<() => Promise<void>> {
  const lockDir = `${folder}.lock`;
  const pidFile = `${lockDir}.pid`;
  const holder = readHolder(pidFile);
  if (holder !== undefined && holder !== process.pid) {
    if (processAlive(holder)) throw new DataFolderInUseError(folder);
    rmSync(lockDir, { recursive: true, force: true });
    rmSync(pidFile, { force: true });
  }
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(folder, {
      stale: LOCK_STALE_MS,
      retries: { retries: Math.ceil(waitMs / 1000), factor: 1, minTimeout: 1000, maxTimeout: 1000 },
      onCompromised: (error) => {
        console.error(`database: the lock on ${folder} was lost (${error.message}); stopping so that no other process writes beside this one`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataFolderInUseError(folder);
    throw error;
  }
  writeFileSync(pidFile, `${process.pid}\n`);
  return async () => {
    rmSync(pidFile, { force: true });
    await release().catch(() => undefined);
  };
}

function readHolder(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `SqlRunner` over the Prisma client, as an object of its own. A transaction's client is a proxy
 * of the Prisma client that inherits its own properties: were `sql` the client, a wrapper set on
 * `sql.$queryRaw` (a test counting statements) would carry every `tx.$queryRaw` out of its
 * transaction, to wait on PGlite for the lock that very transaction holds.
 */
function prismaSql(prisma: PrismaClient): SqlRunner {
  return {
    $queryRaw: <T>(query: Prisma.Sql) => prisma.$queryRaw<T>(query),
    $executeRaw: (query: Prisma.Sql) => prisma.$executeRaw(query),
  };
}

/**
 * `SqlRunner` over a pg pool, each text a named statement (parsed and planned once per
 * connection). Prisma's raw-query layer around the same pool cost 0.50 ms of CPU per call against
 * 0.22 ms for the same statement on the pool (the turn's load, 3,000 calls, warm): a few such calls
 * per message. Values and rows match `$queryRaw`'s: a Date is sent as its UTC instant (pg would
 * send local time, and a `date` cast would then shift by the process's zone), a `date` column
 * comes back as UTC midnight; bigint columns come back as strings, so callers cast counts.
 */
function directSql(pool: pg.Pool, pgModule: typeof pg): SqlRunner {
  const names = cachedStatementNames('d_');
  const types = utcDates(pgModule);
  const run = (query: Prisma.Sql) => {
    // `text` is a getter that joins the statement anew (a turn's commit is several kilobytes): once.
    const text = query.text;
    return pool.query({
      name: names({ sql: text }),
      text,
      values: query.values.map((value) => (value instanceof Date ? value.toISOString() : value)),
      types,
    });
  };
  return {
    $queryRaw: async <T>(query: Prisma.Sql) => (await run(query)).rows as T,
    $executeRaw: async (query: Prisma.Sql) => (await run(query)).rowCount ?? 0,
  };
}

const DATE_OID = 1082;
const parseUtcDate = (value: string) => new Date(`${value}T00:00:00Z`);
function utcDates(pgModule: typeof pg): pg.CustomTypesConfig {
  return {
    getTypeParser: (oid: number, format?: string) => (oid === DATE_OID && format !== 'binary' ? parseUtcDate : pgModule.types.getTypeParser(oid, format as 'text')),
  } as pg.CustomTypesConfig;
}

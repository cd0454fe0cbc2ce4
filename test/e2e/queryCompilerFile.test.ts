import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_VARIABLE } from '../support/pgliteTemplate.ts';
import { createTestDatabase } from '../support/testDatabase.ts';

// The generated client compiles Prisma's query compiler from query_compiler.wasm
// (scripts/prismaQueryCompilerFile.mjs), never from the base64 module Prisma ships, which stayed
// loaded in every thread that held a client: 4.4 MiB of heap each (README, Memory). Checked on the
// compiled app (dist/, what `npm start` runs), in a process of its own: a module hook refuses to
// load any `*.wasm-base64.*` module, and the client still runs queries.
const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

const REFUSE_BASE64 = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.includes('.wasm-base64.')) throw new Error('imported ' + resolved.url);
  return resolved;
}`;

const dist = (file: string) => pathToFileURL(`${root}dist/${file}`).href;
const CHILD = `
import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(REFUSE_BASE64)}`)});
// The hook is on: the module the client used to import is refused.
const refused = await import('@prisma/client/runtime/query_compiler_small_bg.postgresql.wasm-base64.mjs').then(() => false, () => true);
const { Database } = await import(${JSON.stringify(dist('db/Database.js'))});
const { migrate } = await import(${JSON.stringify(dist('db/migrate.js'))});
// Embedded: a copy of the db project's migrated template (test/support/pgliteTemplate.ts).
const template = process.env.${TEMPLATE_VARIABLE};
const initialData = template ? new Blob([(await import('node:fs')).readFileSync(template)]) : undefined;
const db = await Database.open({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: ':memory:', initialData });
try {
  await migrate(db);
  const contact = await db.prisma.contact.create({ data: { address: '+15145550123', phone: '+15145550123', channel: 'sms' } });
  const found = await db.prisma.contact.findUnique({ where: { address: contact.address }, select: { id: true } });
  console.log(JSON.stringify({ refused, found: found?.id === contact.id }));
} finally {
  await db.close();
}
`;

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  // What `npm start` does first: compiles src/ to dist/ unless dist/ is newer.
  await run(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root });
  database = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

describe("Prisma's query compiler", () => {
  it('is loaded from its .wasm file by the compiled client, which runs queries without the base64 module', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url ?? '' },
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ refused: true, found: true });
  });
});

import { configDefaults, defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Test files whose subject is a cold start: they need modules not yet loaded in their process.
const COLD_START = ['test/e2e/readiness.test.ts', 'test/e2e/deferredBotkitModules.test.ts'];

// What the database projects share: anything that touches a database runs after the unit tests.
const database = {
  sequence: { groupOrder: 1 },
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

// Projects: `unit` (pure code), and `db` and `db-cold-start` (anything that touches a database).
// CI runs the whole suite, then `npm run test:db` (both db projects) against PostgreSQL with
// DATABASE_URL set.
export default defineConfig({
  test: {
    root,
    // Tests are type-checked by `npm run typecheck` (tsconfig includes test/), before they run.
    // A worker process runs file after file without reloading modules (Prisma's and PGlite's
    // WebAssembly, the bot, the NLU models): about 1.6 s of CPU saved per db file, half the unit
    // project's time. Each file still opens its own database and app; none mocks modules.
    isolate: false,
    // Two files at a time in every project (vitest's default is one on a 2-core machine, cores - 1):
    // the unit project takes 6.1 s instead of 8.7 s. Two cores do not gain from more.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          ...database,
          name: 'db',
          include: ['test/db/**/*.test.ts', 'test/http/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/browser/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...COLD_START],
          // Migrates, once, the embedded database each test file's starts as a copy of (not on PostgreSQL).
          globalSetup: ['test/support/pgliteTemplate.ts'],
        },
      },
      {
        extends: true,
        test: {
          ...database,
          name: 'db-cold-start',
          include: COLD_START,
          isolate: true,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Two projects: `unit` (pure code) and `db` (anything that touches a database). CI runs the
// whole suite, then `db` again against PostgreSQL with DATABASE_URL set.
export default defineConfig({
  test: {
    root,
    // Tests are type-checked by `npm run typecheck` (tsconfig includes test/), before they run.
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
          name: 'db',
          sequence: { groupOrder: 1 },
          // Migrates, once, the embedded database each test file's starts as a copy of (not on PostgreSQL).
          globalSetup: ['test/support/pgliteTemplate.ts'],
          include: ['test/db/**/*.test.ts', 'test/http/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file gets its own database; two cores do not gain from more parallel files.
          maxWorkers: 2,
        },
      },
    ],
  },
});

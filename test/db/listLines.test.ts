import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/Database.ts';
import { searchDirectory } from '../../src/directory/searchDirectory.ts';
import { seedDirectory } from '../../src/directory/seedDirectory.ts';
import { LANGUAGES } from '../../src/directory/seedSchema.ts';
import { renderResultList } from '../../src/conversation/renderResults.ts';
import { translate } from '../../src/i18n.ts';
import { useTestDatabase } from '../support/testDatabase.ts';

// Issue 11, kind 7, as a family meets it: a 14-year-old in Saint-Michel, the closest programs of the seed.
let db: Database;

useTestDatabase(async (opened) => {
  db = opened;
  await seedDirectory(db);
});

describe.each(LANGUAGES)('a 14-year-old in Saint-Michel (%s)', (language) => {
  it.each(['sms', 'whatsapp'] as const)('reads lines that differ, by %s', async (channel) => {
    for (const need of ['camp', 'events', 'basic_needs']) {
      const found = await searchDirectory(db, { need, ageMonths: 168, neighbourhood: 'Saint-Michel', language });
      const shown = found.results.length > 0 ? found.results : [...(found.nearest?.sameNeedElsewhere ?? []), ...(found.nearest?.otherNeedsNearby ?? [])].slice(0, 3);
      const key = found.results.length > 0 ? 'results.page' : 'results.nearby';
      const around = translate(language, key, { list: '', hint: translate(language, 'results.hint_more', { count: 3 }), count: shown.length });
      const lines = renderResultList(shown, { language, channel, around }).split('\n').filter((line) => /^\d\) /.test(line)).map((line) => line.slice(3));
      expect(new Set(lines).size, `${need}: ${lines.join(' | ')}`).toBe(lines.length);
      expect(lines.join('\n')).not.toContain('....');
    }
  });
});

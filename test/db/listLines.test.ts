import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/Database.ts';
import { searchDirectory } from '../../src/directory/searchDirectory.ts';
import { seedDirectory } from '../../src/directory/seedDirectory.ts';
import { LANGUAGES } from '../../src/directory/seedSchema.ts';
import { renderResultList } from '../../src/conversation/renderResults.ts';
import { translate } from '../../src/i18n.ts';
import { NEEDS } from '../../src/domain/needs.ts';
import { useTestDatabase } from '../support/testDatabase.ts';
import { seedResults } from '../support/seedResults.ts';

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

// test/unit/programTexts.test.ts renders every program of the seed as built by test/support/seedResults.ts:
// here, that is what the database gives the bot, text for text.
describe.each(LANGUAGES)('the seed’s programs as the unit tests render them (%s)', (language) => {
  it('are those a search returns', async () => {
    const built = new Map(seedResults(language).map((result) => [result.id, result]));
    const seen = new Set<string>();
    for (const need of NEEDS) {
      for (const result of (await searchDirectory(db, { need, language, limit: 50 })).results) {
        const { why: _why, ...found } = result;
        const { why: _built, ...expected } = built.get(result.id)!;
        expect(found, result.id).toEqual(expected);
        seen.add(result.id);
      }
    }
    expect(seen.size).toBeGreaterThan(30);
  });
});


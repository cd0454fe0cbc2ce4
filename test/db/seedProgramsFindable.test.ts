import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../src/db/Database.ts';
import { queryFromMessage } from '../../src/directory/queryFromMessage.ts';
import { searchDirectory } from '../../src/directory/searchDirectory.ts';
import { readDirectorySeed, seedDirectory } from '../../src/directory/seedDirectory.ts';
import { LANGUAGES, isCrisisLine } from '../../src/directory/seedSchema.ts';
import { analyze } from '../../src/nlu/index.ts';
import { useTestDatabase } from '../support/testDatabase.ts';

// Every program of the seed must be found by a parent's question, the way the bot asks: the NLU
// reads the message, queryFromMessage turns it into a search, and the family sees three results
// per SMS with "MORE" for the next three. Found means on one of those two pages.
const PAGE = 3;
const PAGES = 2;

const questionsSchema = z.strictObject({
  note: z.string(),
  questions: z.array(
    z.strictObject({
      service: z.string(),
      language: z.enum(LANGUAGES),
      text: z.string().min(1),
      /** Asked by a community worker or coordinator: actions between partners are included. */
      includePartners: z.boolean().optional(),
      /** False for a service outside Montréal, which the bot never offers. */
      offered: z.boolean().optional(),
    }),
  ),
});
const { questions } = questionsSchema.parse(JSON.parse(readFileSync(new URL('../fixtures/seedQuestions.json', import.meta.url), 'utf8')));
const offered = questions.filter((question) => question.offered !== false);
const outsideMontreal = questions.filter((question) => question.offered === false);

let db: Database;
// Where each question's service came, for the summary: 1 or 2 (page), or null.
const pageOf = new Map<(typeof questions)[number], number | null>();

useTestDatabase(async (opened) => {
  db = opened;
  await seedDirectory(db);
});

afterAll(async () => {
  if (pageOf.size > 0) {
    const first = [...pageOf.values()].filter((page) => page === 1).length;
    const second = [...pageOf.values()].filter((page) => page === 2).length;
    console.error(`seed programs found: ${first} of ${pageOf.size} questions on the first page, ${second} more on the second`);
  }
});

/** The ids the family would read on the first two pages, page by page. */
async function pagesFor(question: (typeof questions)[number]): Promise<string[][]> {
  const nlu = analyze(question.text, { currentLanguage: question.language });
  const query = { ...queryFromMessage({ text: question.text, nlu }, {}), includePartners: question.includePartners === true };
  const pages: string[][] = [];
  for (let page = 0; page < PAGES; page++) {
    const { results } = await searchDirectory(db, { ...query, limit: PAGE, offset: page * PAGE });
    pages.push(results.map((result) => result.id));
  }
  return pages;
}

describe('every program of the seed is found by a parent’s question', () => {
  it('has a question in each language for every service of the seed', async () => {
    const seed = await readDirectorySeed();
    // Crisis lines are given by the crisis answer (crisisLines.test.ts), never by a search.
    for (const service of seed.services.filter((s) => !isCrisisLine(s.needs))) {
      const languages = new Set(questions.filter((question) => question.service === service.id).map((question) => question.language));
      expect([...languages].sort(), service.id).toEqual([...LANGUAGES].sort());
      const partners = questions.filter((question) => question.service === service.id).every((question) => question.includePartners === (service.audience === 'partners' ? true : undefined));
      expect(partners, `${service.id}: partner questions, and only those, include partners`).toBe(true);
      expect(questions.filter((question) => question.service === service.id).every((question) => (question.offered === false) === (service.coverage === 'elsewhere')), service.id).toBe(true);
    }
  });

  it.each(offered.map((question) => [question.service, question.language, question] as const))('%s (%s)', async (service, _language, question) => {
    const pages = await pagesFor(question);
    const page = pages.findIndex((ids) => ids.includes(service));
    pageOf.set(question, page === -1 ? null : page + 1);
    expect(page, `"${question.text}" showed ${pages.map((ids) => ids.join(', ') || '(nothing)').join(' | MORE | ')}`).not.toBe(-1);
  });

  it.each(outsideMontreal.map((question) => [question.service, question.language, question] as const))('%s (%s) is not offered: it is outside Montréal', async (service, _language, question) => {
    const pages = await pagesFor(question);
    expect(pages.flat()).not.toContain(service);
  });
});

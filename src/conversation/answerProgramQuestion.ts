import { translate, type Language } from '../i18n.ts';
import { searchDirectory, type DirectoryResult } from '../directory/searchDirectory.ts';
import { needOf } from '../domain/needs.ts';
import type { Database } from '../db/Database.ts';
import type { FamilyProfile } from './profile.ts';
import type { ProgramTopic } from './programQuestion.ts';
import { placeText, registerText, saysToConfirm } from './renderResults.ts';
import { shortenText } from './shortenText.ts';

// A longer value is shortened (after a sentence, else a clause, else a word): the answer and the question asked again fit in two SMS.
const MAX_VALUE = 70;

/**
 * The answer to "is it free?", "when is it?", "where?", "how do I register?" asked instead of
 * answering a question: about the program whose details were shown (`picked`), else each program
 * of the list on screen (by its number), else the programs a search for the need would show first.
 * Only what the directory says; "not known" otherwise. Returns the text, in `language`.
 */
export async function answerProgramQuestion(input: {
  db: Database;
  topic: ProgramTopic;
  language: Language;
  /** The list on screen, and the program whose details are on screen, if any. */
  results?: DirectoryResult[] | undefined;
  picked?: string | undefined;
  need?: string | undefined;
  profile: FamilyProfile;
}): Promise<string> {
  const { topic, language } = input;
  const shown = input.results ?? [];
  const picked = input.picked ? shown.find((result) => result.id === input.picked) : undefined;
  if (picked) return translate(language, `question.${topic}_one`, { text: valueOf(picked, topic, language) });
  if (shown.length > 0) {
    const lines = shown.map((result, index) => `${index + 1}) ${valueOf(result, topic, language)}`);
    return translate(language, `question.${topic}_list`, { list: lines.join('\n') });
  }
  const need = needOf(input.need);
  if (!need) return translate(language, 'question.after_list');
  const found = await searchDirectory(input.db, {
    need,
    ageMonths: input.profile.ageMonths,
    pregnant: input.profile.pregnant ?? (need === 'prenatal' ? true : undefined),
    neighbourhood: input.profile.neighbourhood,
    language,
    limit: 3,
  });
  if (found.results.length === 0) return translate(language, 'question.after_list');
  if (topic === 'cost') {
    const free = found.results.filter((result) => result.free).length;
    const key = free === found.results.length ? 'question.cost_all_free' : free === 0 ? 'question.cost_none_free' : 'question.cost_some_free';
    return translate(language, key, { free, count: found.results.length });
  }
  return translate(language, 'question.after_list');
}

function valueOf(result: DirectoryResult, topic: ProgramTopic, language: Language): string {
  const unknown = translate(language, 'question.unknown');
  // A value with no place to cut (one long web address) is given whole.
  const shorten = (text: string) => shortenText(text, { max: MAX_VALUE, cut: 'word' }) || text.trim();
  // Said once: a text that already says it is to be confirmed ("Organisme famille (lieu à confirmer)") gets no second mark.
  const confirm = (text: string, verified: boolean) => (verified || saysToConfirm(text) ? text : `${text} (${translate(language, 'question.to_confirm')})`);
  switch (topic) {
    case 'cost':
      return result.free ? translate(language, 'question.free') : shorten(result.cost) || unknown;
    case 'time': {
      const schedule = result.schedules.find((item) => item.description.trim() !== '');
      return schedule ? confirm(shorten(schedule.description), schedule.verified) : unknown;
    }
    case 'place': {
      // As in the details: an address still "à confirmer" gives way to the place's name.
      const location = result.locations.find((item) => placeText(item).trim() !== '');
      return location ? confirm(shorten(placeText(location)), location.verified) : unknown;
    }
    case 'register':
      // Whole, as in the details: cut, it lost the web address ("Sign up with Francisation Québec...").
      return registerText(result, language);
  }
}

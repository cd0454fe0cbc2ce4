import type { NluResult } from '../nlu/index.ts';
import { mentionsBirth, mentionsPregnancy } from '../nlu/pregnancy.ts';
import type { DirectoryQuery } from './searchDirectory.ts';

/** What is already known of the family before this message (the bot's FamilyProfile fits). */
export interface SearchProfile {
  neighbourhood?: string | undefined;
  ageMonths?: number | undefined;
  pregnant?: boolean | undefined;
}

/**
 * The directory search a family's message asks for: the need is the NLU intent; the child's age,
 * the neighbourhood (named or from a postal code) and the pregnancy come from the message when it
 * gives them, else from the profile; the words that remain once places and ages are taken out go
 * along as `text`. Words that say so mean a pregnancy, words saying the baby was just born mean
 * none; else, unless the profile knows better, a prenatal question that gives no child's age means
 * one. The language is the one the NLU answers in (the family's, unless this message is clearly in
 * another). Paging, and whether partner actions are included, are the caller's.
 */
export function queryFromMessage(message: { text: string; nlu: NluResult }, profile: SearchProfile): DirectoryQuery {
  const { nlu } = message;
  const ages = nlu.entities.flatMap((entity) => (entity.type === 'age' ? [entity.months] : []));
  const fromPostalCode = nlu.entities.flatMap((entity) => (entity.type === 'postal_code' && entity.neighbourhood ? [entity.neighbourhood] : []));
  const named = nlu.entities.flatMap((entity) => (entity.type === 'neighbourhood' ? [entity.neighbourhood] : []));
  // A prenatal question about a child already born ("mon bébé a 3 semaines") is not a pregnancy.
  const prenatalWithoutChild = nlu.intent === 'prenatal' && ages.length === 0 ? true : undefined;
  let words = message.text;
  for (const entity of nlu.entities) {
    if (['age', 'postal_code', 'neighbourhood'].includes(entity.type)) words = words.replace(entity.text, ' ');
  }
  return {
    need: nlu.intent,
    // Several children: the youngest, as the bot asks about when it needs one age.
    ageMonths: ages.length > 0 ? Math.min(...ages) : profile.ageMonths,
    pregnant: mentionsPregnancy(message.text) ? true : mentionsBirth(message.text) ? false : (profile.pregnant ?? prenatalWithoutChild),
    neighbourhood: fromPostalCode[0] ?? named[0] ?? profile.neighbourhood,
    language: nlu.language,
    text: words.trim() === '' ? undefined : words,
  };
}

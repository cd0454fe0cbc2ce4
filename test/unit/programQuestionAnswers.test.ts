import { describe, expect, it } from 'vitest';
import { answerProgramQuestion } from '../../src/conversation/answerProgramQuestion.ts';
import { programQuestion } from '../../src/conversation/programQuestion.ts';
import { registerText } from '../../src/conversation/renderResults.ts';
import type { Database } from '../../src/db/Database.ts';
import { translate, type Language } from '../../src/i18n.ts';
import { seedResults } from '../support/seedResults.ts';

// "Where is it?" and "how do I register?" asked under a program's details, for every program of the
// directory: a tester got "Where: Adresse à confirmer" in English and Spanish, and "Registration: Sign
// up with Francisation Québec..." with the web address cut off.
const ask = (language: Language, topic: 'place' | 'register', id: string) =>
  answerProgramQuestion({ db: undefined as unknown as Database, topic, language, results: seedResults(language), picked: id, profile: {} });

describe.each(['fr', 'en', 'es', 'ht'] as const)('in %s, under the details of any program', (language) => {
  it('"where is it?" never answers with an address still to confirm, and never in French unless the family reads French', async () => {
    for (const result of seedResults(language)) {
      const answer = await ask(language, 'place', result.id);
      expect(answer, result.id).not.toMatch(/Adresse à confirmer/i);
      if (language !== 'fr') expect(answer, result.id).not.toMatch(/à confirmer/i);
      // Said once, not "(lieu à confirmer) (à confirmer)".
      expect(answer, result.id).not.toMatch(/(à confirmer|to be confirmed|por confirmar|konfime)\).*\((à confirmer|to be confirmed|por confirmar|pou konfime)\)/i);
    }
  });

  it('"how do I register?" answers as the details do, whole', async () => {
    for (const result of seedResults(language)) {
      const answer = await ask(language, 'register', result.id);
      expect(answer, result.id).toBe(translate(language, 'question.register_one', { text: registerText(result, language) }));
      expect(answer, result.id).not.toMatch(/\.\.\.$|…$/);
    }
  });
});

describe('questions a tester asked under a program, as parents type them', () => {
  it.each([
    ['como me inscribo?', 'register'],
    ['¿cómo me inscribo?', 'register'],
    ['comment je m inscris?', 'register'],
    ['how do I register?', 'register'],
    ['kijan pou m enskri?', 'register'],
    ['c ou?', 'place'],
    ["c'est où?", 'place'],
    ['donde es?', 'place'],
    ['where is it?', 'place'],
    ['ki kote li ye?', 'place'],
  ])('%s asks about %s', (text, topic) => {
    expect(programQuestion(text)).toBe(topic);
  });
});

import { describe, expect, it } from 'vitest';
import type { DirectoryResult } from '../../src/directory/searchDirectory.ts';
import { renderDetails, renderResultList, type RenderOptions } from '../../src/conversation/renderResults.ts';
import { LANGUAGES, translate, type Language } from '../../src/i18n.ts';
import { smsSegments, toGsm7 } from '../../src/sms/gsm7.ts';
import { ageNumbers, cutsIn, givesNumbers } from '../support/cutText.ts';
import { SEED, seedResults } from '../support/seedResults.ts';

// A tester acting as a parent read program names and descriptions cut mid-sentence, in lists and in
// a program's details, sometimes right at the ages ("pour les enfants de 0 à"), in the four
// languages. Every program of the seed directory, in every language, on both channels: no line
// stops in the middle, the details say the program's ages, and each message fits its channel.
const CHANNELS = ['sms', 'whatsapp'] as const;
const WHATSAPP_CHARACTERS = 1600;

function fits(message: string, channel: RenderOptions['channel'], segments: number): boolean {
  return channel === 'sms' ? smsSegments(toGsm7(message)) <= segments : message.length <= WHATSAPP_CHARACTERS;
}

/** What the details of `result` are made of: its name and organization may not be cut; the rest is prose. */
function detailSources(result: DirectoryResult) {
  return {
    names: [result.name, result.organization],
    prose: [result.description, result.eligibility, result.cost, result.howToRegister, ...result.schedules.map((item) => item.description), ...result.locations.map((item) => item.name)],
  };
}

describe.each(LANGUAGES)('every program in %s', (language: Language) => {
  describe.each(CHANNELS)('by %s', (channel) => {
    it(`details: nothing cut mid-sentence, the ages said, in the channel's budget (${SEED.services.length} programs)`, () => {
      const around = translate(language, 'results.details', { details: '' });
      const problems: string[] = [];
      for (const result of seedResults(language)) {
        const details = renderDetails(result, { language, channel, around });
        const message = translate(language, 'results.details', { details });
        problems.push(...cutsIn(details, detailSources(result)).map((problem) => `${result.id}: ${problem}`));
        const numbers = ageNumbers(result.ages ?? { min: null, max: null });
        if (numbers && !givesNumbers(details, numbers)) problems.push(`${result.id}: no ages (${numbers.join(', ')}) in "${details}"`);
        // Who it is for gives way (its ages stay) only when even its first sentence would not fit.
        const who = translate(language, 'results.detail.who', { text: result.eligibility.split(/(?<=[.!?])\s/)[0] });
        if (result.eligibility && !details.includes(who.split(':')[0]!) && fits(`${message}\n${who}`, channel, 3)) problems.push(`${result.id}: not said who it is for, though it fits`);
        if (!fits(message, channel, 3)) problems.push(`${result.id}: too long for ${channel}: ${message.length} characters`);
      }
      expect(problems).toEqual([]);
    });

    it('list lines: names cut only between words, descriptions never mid-clause, in the channel’s budget', () => {
      const problems: string[] = [];
      for (const place of ['exact', 'other'] as const) {
        const results = seedResults(language, place);
        // Every program at every position of a page, beside different neighbours, under the page's hint or "what comes closest".
        for (const [index] of results.entries()) {
          const page = [0, 1, 2].map((offset) => results[(index + offset) % results.length]!);
          for (const key of ['results.page', 'results.nearby']) {
            const hint = translate(language, 'results.hint_more', { count: page.length });
            const around = translate(language, key, { list: '', hint, count: page.length });
            const list = renderResultList(page, { language, channel, around });
            const message = translate(language, key, { list, hint, count: page.length });
            if (!fits(message, channel, 2)) problems.push(`${page.map((result) => result.id).join(', ')}: too long for ${channel}: ${message.length} characters`);
            // One block per program: its numbered line, and on WhatsApp what it is under it.
            for (const [at, block] of (channel === 'whatsapp' ? list.split('\n\n') : list.split('\n')).entries()) {
              const result = page[at]!;
              const [numbered = '', ...about] = block.split('\n');
              expect(numbered).toMatch(new RegExp(`^${at + 1}\\) `));
              problems.push(
                ...cutsIn(numbered, { names: [result.name], prose: [] }),
                ...cutsIn(about.join('\n'), { names: [], prose: [result.description] }),
              );
            }
          }
        }
      }
      expect([...new Set(problems)]).toEqual([]);
    });
  });
});

describe('what the check above catches', () => {
  // What parents received before the fix (SMS details and lists of the seed).
  it.each([
    ['Ateliers pour les enfants de 3 ans et demi à 5 ans qui ne vont pas à la garderie.', 'Ateliers pour les enfants de 3...'],
    ['Swivi pèsonèl pou jèn manman: yo koute w. Èd lè gen kriz 24 è sou 24.', 'Swivi pèsonèl pou jèn manman: yo koute w. Èd lè gen kriz 24...'],
    ['A breastfeeding mentor supports you by phone, from pregnancy until weaning.', 'A breastfeeding mentor supports you by phone, from...'],
    ['Camp d’été de six semaines pour un parent et ses enfants de 5 ans et moins : jeux éducatifs, sorties.', 'Camp d’été de six semaines pour un parent et ses enfants de 5 ans...'],
    ['Rencontres pour futurs parents : information, jeux, discussions.', 'Rencontres pour futurs parents : infor...'],
    ['Pour les enfants de 0 à 5 ans du quartier.', 'Pour les enfants de 0 à'],
  ])('a cut of "%s"', (description, shown) => {
    expect(cutsIn(shown, { names: [], prose: [description] })).not.toEqual([]);
  });

  it('lets whole sentences, clauses cut with "...", and names cut between words pass', () => {
    const description = 'Camp d’été pour un parent et ses enfants de 5 ans et moins : jeux, sorties. Inscription au printemps.';
    expect(cutsIn('Camp d’été pour un parent et ses enfants de 5 ans et moins : jeux, sorties.', { names: [], prose: [description] })).toEqual([]);
    expect(cutsIn('Camp d’été pour un parent et ses enfants de 5 ans et moins...', { names: [], prose: [description] })).toEqual([]);
    expect(cutsIn('For: Families with a child aged 0 to 5.', { names: [], prose: ['Families with a child aged 0 to 5.'] })).toEqual([]);
    expect(cutsIn('1) Atelier prénatal sur le parentage proximal... (grossesse).', { names: ['Atelier prénatal sur le parentage proximal et le lien'], prose: [] })).toEqual([]);
    expect(cutsIn('1) Atelier prénatal sur le parentage proximal et le... (grossesse).', { names: ['Atelier prénatal sur le parentage proximal et le lien'], prose: [] })).not.toEqual([]);
  });
});

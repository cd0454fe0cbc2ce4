import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';
import type { Language } from '../../src/i18n.ts';

// A family whose very first message is an opt-out keyword of its language ("PARA", "KANPE") is
// confirmed in that language, and welcomed back in it; a keyword never changes the language of a
// family that already wrote sentences in another one.
const t = useTestService();

const FIRST_WORD: readonly [string, Language][] = [
  ['ARRÊT', 'fr'],
  ['PARA', 'es'],
  ['KANPE', 'ht'],
  ['sispann', 'ht'],
];

describe.each(['sms', 'whatsapp'] as const)('on %s', (channel) => {
  it.each(FIRST_WORD)('%s as a first message is confirmed in its language (%s), and START answered in it', async (word, language) => {
    const family = new TestFamily(t, channel);
    expect(await family.say(word)).toEqual([family.text(language, 'optout.confirmed')]);
    expect(await family.record()).toMatchObject({ optedOut: true, language });
    expect(await family.say('START')).toEqual([family.text(language, 'optout.resumed')]);
  });

  it('a keyword of another language keeps the language of a family that wrote sentences', async () => {
    const family = new TestFamily(t, channel);
    await family.say('hello, I am looking for a summer camp for my daughter');
    expect(await family.say('PARA')).toEqual([family.text('en', 'optout.confirmed')]);
    expect(await family.record()).toMatchObject({ optedOut: true, language: 'en' });
  });
});

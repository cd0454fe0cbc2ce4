import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';
import type { Language } from '../../src/i18n.ts';

// A family that tells another neighbourhood, postal code or child's age under the list of programs
// (or under a program's details) gets the search again for what it told, not the old list once
// more; and its record keeps one place, never a neighbourhood with another one's postal code.
const t = useTestService();

const SPEAK: Record<Language, { yes: string; campIn: (age: number, place: string) => string; liveIn: string; olderChild: string; postalCode: string }> = {
  fr: { yes: 'oui', campIn: (age, place) => `un camp pour ma fille de ${age} ans a ${place}`, liveIn: 'on habite a Villeray', olderChild: 'mon fils a 9 ans', postalCode: 'mon code postal est h2p1b1' },
  en: { yes: 'yes', campIn: (age, place) => `a camp for my ${age} year old daughter in ${place}`, liveIn: 'we live in Villeray', olderChild: 'my son is 9 years old', postalCode: 'my postal code is H2P 1B1' },
  es: { yes: 'sí', campIn: (age, place) => `un campamento para mi hija de ${age} años en ${place}`, liveIn: 'vivimos en Villeray', olderChild: 'mi hijo tiene 9 años', postalCode: 'mi codigo postal es H2P 1B1' },
  ht: { yes: 'wi', campIn: (age, place) => `yon kan pou pitit fi m ki gen ${age} an nan ${place}`, liveIn: 'nou rete Villeray', olderChild: 'pitit gason m nan gen 9 an', postalCode: 'kod postal mwen se H2P 1B1' },
};
const LANGUAGES = ['fr', 'en', 'es', 'ht'] as const;
const CHANNELS = ['sms', 'whatsapp'] as const;
const VILLERAY_PIN = { MessageType: 'location', Latitude: '45.5470', Longitude: '-73.6210' };

/** A new family that asked for a camp for a child of `age` in `place` and agreed: the list it got. */
async function askCamp(language: Language, channel: 'sms' | 'whatsapp', age: number, place: string): Promise<{ family: TestFamily; list: string }> {
  const family = new TestFamily(t, channel);
  expect(await family.say(SPEAK[language].campIn(age, place))).toEqual([family.text(language, 'consent.notice')]);
  const list = (await family.say(SPEAK[language].yes))[1]!;
  expect(list).toMatch(/^1\) /m);
  return { family, list };
}

describe.each(LANGUAGES)('in %s', (language) => {
  const speak = SPEAK[language];

  it.each(CHANNELS)('%s: another neighbourhood under the list searches there', async (channel) => {
    const { family } = await askCamp(language, channel, 4, 'Saint-Michel');
    const { list: villeray } = await askCamp(language, channel, 4, 'Villeray');
    expect(await family.say(speak.liveIn)).toEqual([`${family.text(language, 'profile.noted')}\n${villeray}`]);
    expect(await family.record()).toMatchObject({ neighbourhood: 'Villeray', postalCode: null });
    // The new list is the one answered: its first program's details.
    const details = await family.say('1');
    expect(details).toHaveLength(1);
    expect(details[0]).toMatch(/\n\n.+$/);
  });

  it.each(CHANNELS)("%s: another child's age under the list searches for that age", async (channel) => {
    const { family } = await askCamp(language, channel, 4, 'Saint-Michel');
    const { list: nineYearOld } = await askCamp(language, channel, 9, 'Saint-Michel');
    expect(await family.say(speak.olderChild)).toEqual([`${family.text(language, 'profile.noted')}\n${nineYearOld}`]);
  });

  it.each(CHANNELS)("%s: a postal code under a program's details searches there, and replaces the neighbourhood told before", async (channel) => {
    const { family } = await askCamp(language, channel, 4, 'Saint-Michel');
    const { list: villeray } = await askCamp(language, channel, 4, 'Villeray');
    expect(await family.say('1')).toHaveLength(1);
    expect(await family.say(speak.postalCode)).toEqual([`${family.text(language, 'profile.noted')}\n${villeray}`]);
    expect(await family.record()).toMatchObject({ neighbourhood: 'Villeray', postalCode: 'H2P' });
    // A neighbourhood told alone afterwards forgets that postal code (it was of another place).
    await family.say(`${speak.campIn(4, 'Ahuntsic')}`);
    expect(await family.record()).toMatchObject({ neighbourhood: 'Ahuntsic', postalCode: null });
  });

  it.each(CHANNELS)('%s: the same neighbourhood again is no misunderstanding: the same list, without "sorry"', async (channel) => {
    const { family, list } = await askCamp(language, channel, 4, 'Saint-Michel');
    expect(await family.say('Saint-Michel')).toEqual([list]);
    // Nor the neighbourhood of the postal code given before.
    const byPostalCode = new TestFamily(t, channel);
    await byPostalCode.say(speak.campIn(4, 'H1Z 1A1'));
    const listed = (await byPostalCode.say(speak.yes))[1]!;
    expect(await byPostalCode.say('St-Michel')).toEqual([listed]);
  });
});

describe.each(LANGUAGES)('in %s, on WhatsApp', (language) => {
  it('a shared location in another neighbourhood under the list searches there', async () => {
    const { family } = await askCamp(language, 'whatsapp', 4, 'Saint-Michel');
    const { list: villeray } = await askCamp(language, 'whatsapp', 4, 'Villeray');
    expect(await family.say('', VILLERAY_PIN)).toEqual([`${family.text(language, 'profile.noted')}\n${villeray}`]);
    expect(await family.record()).toMatchObject({ neighbourhood: 'Villeray', postalCode: null });
  });
});

import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { familyAtList, TestFamily } from '../support/TestFamily.ts';
import type { Language } from '../../src/i18n.ts';

// Issue 11, kind 8 (WhatsApp messages that are not text) and the details sent again after a
// question about a program, in the four languages, through the real signed webhook.
// Here a family sends a dozen messages within seconds (one of each kind): more replies in a minute than
// the loop guard allows a family (10, tested in loopGuard.test.ts).
const t = useTestService({ env: { LOOP_GUARD_REPLIES_PER_MINUTE: '40' } });

const SPEAK: Record<Language, { yes: string; button: string; camp: string; childcare: string; age: string; cost: string }> = {
  fr: { yes: 'oui', button: 'Oui', camp: 'un camp pour ma fille de 4 ans a St-Michel', childcare: 'je cherche une place en garderie', age: '2 ans', cost: "c'est gratuit?" },
  en: { yes: 'yes', button: 'Yes', camp: 'a camp for my 4 year old daughter in Saint-Michel', childcare: 'I need a daycare spot for my son', age: '2 years', cost: 'is it free?' },
  es: { yes: 'sí', button: 'Sí', camp: 'un campamento para mi hija de 4 años en Saint-Michel', childcare: 'busco una guarderia para mi hija', age: '2 años', cost: '¿es gratis?' },
  ht: { yes: 'wi', button: 'Wi', camp: 'yon kan pou pitit fi m ki gen 4 an nan Saint-Michel', childcare: 'mwen bezwen yon gadri pou pitit mwen', age: '2 an', cost: 'èske li gratis?' },
};

// The fields Twilio posts for a WhatsApp message that is not text (Body empty).
const SAINT_MICHEL_PIN = { MessageType: 'location', Latitude: '45.5662', Longitude: '-73.6081' };
const LAVAL_PIN = { MessageType: 'location', Latitude: '45.5710', Longitude: '-73.7510', Label: 'Carrefour Laval' };
const media = (type: string, contentType: string) => ({
  MessageType: type,
  NumMedia: '1',
  MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME',
  MediaContentType0: contentType,
});
const NOT_TEXT: Record<string, Record<string, string>> = {
  image: media('image', 'image/jpeg'),
  audio: media('audio', 'audio/ogg'),
  video: media('video', 'video/mp4'),
  document: media('document', 'application/pdf'),
  sticker: media('sticker', 'image/webp'),
  contacts: media('contacts', 'text/vcard'),
  // WhatsApp messages Twilio cannot pass on (a poll, an edit…), and a type it may add tomorrow.
  unsupported: { MessageType: 'unsupported' },
  reaction: { MessageType: 'reaction' },
};

async function eventsOf(family: TestFamily) {
  return t.service.db.prisma.contactEvent.findMany({ where: { contact: { address: family.address } }, orderBy: { id: 'asc' } });
}

/** A family asking for childcare that agreed and gave the child's age: the neighbourhood is asked. */
async function atPlace(language: Language): Promise<TestFamily> {
  const family = new TestFamily(t, 'whatsapp');
  await family.say(SPEAK[language].childcare);
  expect((await family.say(SPEAK[language].yes)).at(-1)).toBe(family.text(language, 'profile.child_age'));
  expect(await family.say(SPEAK[language].age)).toEqual([family.text(language, 'profile.place')]);
  return family;
}
const LANGUAGES = ['fr', 'en', 'es', 'ht'] as const;
const CHANNELS = ['sms', 'whatsapp'] as const;

/** A family that asked for a camp (age and place given) and agreed: the list of programs is waiting. */
const atList = (language: Language, channel: 'sms' | 'whatsapp') => familyAtList(t, language, channel, SPEAK[language]);

describe.each(LANGUAGES)('in %s', (language) => {
  const speak = SPEAK[language];

  it.each(CHANNELS)('%s: a question about the program shown is answered, then only "was this useful?" follows', async (channel) => {
    const family = await atList(language, channel);
    const details = await family.say('1');
    expect(details.join('\n')).toContain(family.text(language, 'results.details', { details: '' }).trim());
    const answered = await family.say(speak.cost);
    expect(answered).toHaveLength(2);
    expect(answered[0]).not.toContain(family.text(language, 'fallback.sorry'));
    expect(answered[1]).toBe(family.text(language, 'results.useful'));
    expect(await family.say(speak.yes)).toEqual([family.text(language, 'feedback.thanks')]);
  });

  it('whatsapp: a location pin answers "which neighbourhood?" and the list follows; a pin outside asks to type it, never a miss', async () => {
    const family = await atPlace(language);
    const outside = `${family.text(language, 'location.unplaced')}\n${family.text(language, 'profile.place')}`;
    expect(await family.say('', LAVAL_PIN)).toEqual([outside]);
    expect(await family.say('', LAVAL_PIN)).toEqual([outside]);
    const list = await family.say('', SAINT_MICHEL_PIN);
    expect(list.join('\n')).toMatch(/^1\) /m);
    expect(list.join('\n')).not.toContain(family.text(language, 'person.offer'));
    expect(await family.record()).toMatchObject({ neighbourhood: 'Saint-Michel' });
    const stored = await t.service.db.prisma.message.findFirst({ where: { contact: { address: family.address }, messageType: 'location', latitude: { not: null } }, orderBy: { id: 'desc' } });
    expect(stored).toMatchObject({ body: '', latitude: 45.566, longitude: -73.608 });
  });

  it('whatsapp: a location when nothing is asked gets thanks and the menu; while another question waits, it is kept and the question asked again', async () => {
    const done = await atList(language, 'whatsapp');
    await done.say('1');
    expect(await done.say(speak.yes)).toEqual([done.text(language, 'feedback.thanks')]);
    expect(await done.say('', SAINT_MICHEL_PIN)).toEqual([`${done.text(language, 'location.thanks', { place: 'Saint-Michel' })}\n${done.text(language, 'menu.main')}`]);
    expect(await done.say('', LAVAL_PIN)).toEqual([`${done.text(language, 'location.unplaced')}\n${done.text(language, 'menu.main')}`]);

    const asked = new TestFamily(t, 'whatsapp');
    await asked.say(speak.childcare);
    await asked.say(speak.yes);
    expect(await asked.say('', SAINT_MICHEL_PIN)).toEqual([`${asked.text(language, 'profile.noted')}\n${asked.text(language, 'profile.child_age')}`]);
    expect(await asked.record()).toMatchObject({ neighbourhood: 'Saint-Michel' });
    // The place is known: the list comes after the age.
    expect((await asked.say(speak.age)).join('\n')).toMatch(/^1\) /m);

    // At the notice: the question again in one short line, the place kept for after the yes.
    const notice = new TestFamily(t, 'whatsapp');
    await notice.say(speak.childcare);
    expect(await notice.say('', SAINT_MICHEL_PIN)).toEqual([`${notice.text(language, 'profile.noted')}\n${notice.text(language, 'consent.ask_again')}`]);
    expect((await notice.say(speak.yes)).at(-1)).toBe(notice.text(language, 'profile.child_age'));
  });

  it.each(CHANNELS)('%s: a photo, voice note, video, document, sticker, contact or unsupported message asks politely for text, the question again, never a miss', async (channel) => {
    const family = new TestFamily(t, channel);
    await family.say(speak.childcare);
    expect((await family.say(speak.yes)).at(-1)).toBe(family.text(language, 'profile.child_age'));
    const again = `${family.text(language, 'media.type_answer')}\n${family.text(language, 'profile.child_age')}`;
    const types = channel === 'sms' ? { image: NOT_TEXT.image!, image2: NOT_TEXT.image! } : NOT_TEXT;
    for (const [type, fields] of Object.entries(types)) expect(await family.say('', fields), type).toEqual([again]);
    // Not one of them counted: the age is read, nobody is offered a person.
    expect(await family.say(speak.age)).toEqual([family.text(language, 'profile.place')]);
    expect((await eventsOf(family)).filter((event) => event.type === 'handoff_requested')).toEqual([]);

    // Under a program's details, only the short question again; with nothing asked, a request to type the question.
    const shown = await atList(language, channel);
    await shown.say('1');
    expect(await shown.say('', NOT_TEXT.audio)).toEqual([`${shown.text(language, 'media.type_answer')}\n${shown.text(language, 'results.useful')}`]);
    expect(await shown.say(speak.yes)).toEqual([shown.text(language, 'feedback.thanks')]);
    expect(await shown.say('', NOT_TEXT.sticker)).toEqual([shown.text(language, 'media.text_only')]);
  });

  it('whatsapp: a tapped button is read as its text', async () => {
    const family = new TestFamily(t, 'whatsapp');
    await family.say(speak.camp);
    const consented = await family.say('', { MessageType: 'button', ButtonText: speak.button, ButtonPayload: 'consent_yes' });
    expect(consented[0]).toBe(family.text(language, 'consent.thanks'));
    expect(consented[1]).toMatch(/^1\) /m);
    expect(await family.say(speak.button, { MessageType: 'button', ButtonText: speak.button, ButtonPayload: 'menu' })).not.toContain(family.text(language, 'fallback.sorry'));
    const stored = await t.service.db.prisma.message.findFirst({ where: { contact: { address: family.address }, buttonPayload: 'consent_yes' } });
    expect(stored).toMatchObject({ body: speak.button, messageType: 'button' });
  });
});

describe('a WhatsApp location with odd coordinates', () => {
  it('is stored without them, not refused, and answered as a location the bot cannot place', async () => {
    const family = await atPlace('fr');
    const replies = await family.say('', { MessageType: 'location', Latitude: 'north', Longitude: '-273.6', Address: 'quelque part' });
    expect(replies).toEqual([`${family.text('fr', 'location.unplaced')}\n${family.text('fr', 'profile.place')}`]);
    const stored = await t.service.db.prisma.message.findFirst({ where: { contact: { address: family.address }, messageType: 'location' } });
    expect(stored).toMatchObject({ latitude: null, longitude: null, locationLabel: null });
  });
});

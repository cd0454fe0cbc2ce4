import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';
import { isGsm7, smsSegments } from '../../src/sms/gsm7.ts';

// The end-to-end path: every family here writes through the real signed webhook (the flow
// files drive turns directly, where the webhook adds nothing).
const t = useTestService();

describe('a first conversation answers in the family’s language', () => {
  it.each([
    ['fr', 'allo jsuis enceinte pis jcherche des ateliers'],
    ['en', 'hi my daughter is 3 is there a camp this summer'],
    ['es', 'hola tengo un bebe de 8 meses y busco ayuda'],
    ['ht', 'bonjou mwen gen yon pitit 4 an mwen bezwen ed'],
  ] as const)('%s: the privacy notice comes first, in the family’s language', async (language, text) => {
    for (const channel of ['sms', 'whatsapp'] as const) {
      const family = new TestFamily(t, channel, 'webhook');
      expect(await family.say(text)).toEqual([family.text(language, 'consent.notice')]);
      expect(await family.record()).toMatchObject({ language, languageConfirmed: true, consentGiven: false, consentAt: null, childrenAgesMonths: [] });
    }
  });

  it('asks which language when a message gives nothing to go on, and remembers the answer', async () => {
    const family = new TestFamily(t, 'sms', 'webhook');
    expect(await family.say('👍')).toEqual([family.text('fr', 'welcome.language_menu')]);
    expect(await family.say('9')).toEqual([`${family.text('fr', 'fallback.sorry')}\n${family.text('fr', 'welcome.language_menu')}`]);
    expect(await family.say('4')).toEqual([family.text('ht', 'welcome.language_set'), family.text('ht', 'consent.notice')]);
    expect(await family.say('wi')).toEqual([family.text('ht', 'consent.thanks'), family.text('ht', 'menu.main')]);
    expect(await family.record()).toMatchObject({ language: 'ht', consentGiven: true });
  });

  it('shows the four-language menu to a message in another language', async () => {
    const family = new TestFamily(t, 'sms', 'webhook');
    await family.say('hello I need help');
    expect(await family.say('Olá, preciso de ajuda com o meu filho')).toEqual([family.text('en', 'welcome.language_menu')]);
  });

  it('switches language on an explicit request, and on a sentence plainly in another language', async () => {
    const family = new TestFamily(t, 'sms', 'webhook');
    await family.say('bonjour je cherche un camp pour mon gars');
    // The question under way is asked again in the new language.
    expect(await family.say('in English please')).toEqual([family.text('en', 'welcome.language_set'), family.text('en', 'consent.notice')]);
    await family.say('yes');
    expect(await family.say('necesito ayuda con la vivienda para mi familia')).toEqual([family.text('es', 'housing.urgent')]);
    expect((await family.record()).language).toBe('es');
  });
});

describe('fitting the channel', () => {
  it('spells SMS with GSM-7 characters only, and keeps every accent on WhatsApp', async () => {
    const sms = new TestFamily(t, 'sms', 'webhook');
    const whatsapp = new TestFamily(t, 'whatsapp', 'webhook');
    for (const family of [sms, whatsapp]) {
      await family.say('bonjour je cherche une activité pour ma fille');
      await family.say('oui');
    }
    const [menuSms] = await sms.say('menu');
    const [menuWhatsapp] = await whatsapp.say('menu');
    expect(menuSms).toContain('9 Fetes et activités du quartier');
    expect(isGsm7(menuSms!)).toBe(true);
    expect(smsSegments(menuSms!)).toBeLessThanOrEqual(2);
    expect(menuWhatsapp).toContain('9 Fêtes et activités du quartier');
  });
});

describe('urgent and service messages', () => {
  it.each([
    ['fr', 'mon chum me frappe jai peur pour mes enfants'],
    ['en', 'my husband hits me and I am scared'],
    ['es', 'mi esposo me pega tengo miedo'],
    ['ht', 'mari m ap bat mwen, mwen pè'],
  ] as const)('a crisis message in %s gets the emergency numbers first, even mid-menu, and alerts the team', async (language, text) => {
    const family = new TestFamily(t, 'sms', 'webhook');
    await family.say('👍');
    const replies = await family.say(text);
    // The lines that fit each kind are checked in crisisLines.test.ts.
    expect(replies[0]).toContain('911');
    expect(replies[0]).toContain('811');
    const events = await t.service.db.prisma.contactEvent.findMany({ where: { contact: { address: family.address } } });
    expect(events).toEqual([expect.objectContaining({ type: 'handoff_requested', data: { reason: 'crisis', priority: 'urgent' } })]);
  });

  it('explains the service on HELP / AIDE, in the family’s language whichever keyword it writes', async () => {
    const family = new TestFamily(t, 'sms', 'webhook');
    await family.say('hello, is there anything for toddlers');
    expect(await family.say('help')).toEqual([family.text('en', 'help.about')]);
    // A keyword says nothing of the language the family reads (issue 11, kind 2).
    expect(await family.say('aide')).toEqual([family.text('en', 'help.about')]);
    expect((await family.record()).language).toBe('en');
  });

  it('never answers twice and never fails on odd input', async () => {
    const family = new TestFamily(t, 'sms', 'webhook');
    for (const body of ['', '\u0000\u0007', 'x'.repeat(1600), 'مرحبا', '🙂🙂🙂']) {
      const replies = await family.say(body);
      expect(replies.length).toBeGreaterThanOrEqual(1);
    }
    const failed = await t.service.db.prisma.message.count({ where: { contact: { address: family.address }, status: 'error' } });
    expect(failed).toBe(0);
  });
});

describe('dialog state', () => {
  it('is written by a turn that changes it, and left as it was by one that does not', async () => {
    const family = new TestFamily(t);
    await family.say('bonjour');
    const { id } = await family.record();
    const state = () => t.service.db.prisma.dialogState.findMany({ where: { contactId: id }, select: { key: true, etag: true, updatedAt: true } });
    const asked = await state();
    expect(asked).toHaveLength(1);
    // The team holds the conversation: the bot is silent and its flow stays where it was.
    await family.say('PERSONNE');
    const held = await state();
    await family.say('allo?');
    expect(await state()).toEqual(held);
    await family.say('oui');
    expect(await state()).toEqual(held);
    // A turn that moves the flow on writes the state again, with a new eTag.
    await t.service.db.prisma.handoff.updateMany({ where: { contactId: id }, data: { status: 'resolved', resolvedAt: new Date() } });
    await family.say('menu');
    expect((await state())[0]?.etag).not.toBe(held[0]?.etag);
  });
});

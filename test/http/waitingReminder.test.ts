import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';
import type { Language } from '../../src/i18n.ts';

// A family waiting for the team is not left in silence: a message more than ten minutes after the
// request (or the last reminder) is answered with a reminder that its message reached the team, when
// a person will write, and 911 for danger; sooner, or once a worker has the conversation, only the
// console sees it.
const t = useTestService();

// `still`: another message than `again` (the loop guard silences a third identical text within 5 minutes).
const SPEAK: Record<Language, { hello: string; yes: string; again: string; still: string }> = {
  fr: { hello: 'bonjour', yes: 'oui', again: 'allo? ya quelqu un?', still: 'vous êtes toujours là?' },
  en: { hello: 'hello', yes: 'yes', again: 'hello? anyone there?', still: 'are you still there?' },
  es: { hello: 'hola', yes: 'sí', again: 'hola? hay alguien?', still: '¿siguen ahí?' },
  ht: { hello: 'bonjou', yes: 'wi', again: 'alo? gen moun la?', still: 'nou la toujou?' },
};

/** Moves the family's open request (and its reminders) `minutes` into the past. */
async function age(family: TestFamily, minutes: number): Promise<void> {
  const contact = await family.record();
  await t.service.db.prisma.$executeRawUnsafe(`UPDATE handoffs SET requested_at = requested_at - make_interval(mins => ${minutes}) WHERE contact_id = $1::uuid`, contact.id);
  await t.service.db.prisma.$executeRawUnsafe(`UPDATE contact_events SET created_at = created_at - make_interval(mins => ${minutes}) WHERE contact_id = $1::uuid`, contact.id);
}

describe.each(['fr', 'en', 'es', 'ht'] as const)('in %s', (language) => {
  const speak = SPEAK[language];
  it.each(['sms', 'whatsapp'] as const)('%s: a reminder at most every ten minutes while nobody has the conversation, none once a worker does', async (channel) => {
    const family = new TestFamily(t, channel);
    expect(await family.say(speak.hello)).toEqual([family.text(language, 'consent.notice')]);
    await family.say(speak.yes);
    expect(await family.say('0')).toEqual([family.like(language, 'person.requested')]);
    // Right after the request's own confirmation: the console sees it, the bot stays quiet.
    expect(await family.say(speak.again)).toEqual([]);
    await age(family, 11);
    expect(await family.say(speak.again)).toEqual([family.like(language, 'person.still_waiting')]);
    expect(await family.say(speak.again)).toEqual([]);
    await age(family, 11);
    // (MENU would take the family back to the bot: menuWhileWaiting.test.ts.)
    expect(await family.say(speak.still)).toEqual([family.like(language, 'person.still_waiting')]);
    const contact = await family.record();
    const reminders = await t.service.db.prisma.contactEvent.count({ where: { contactId: contact.id, type: 'handoff_reminder' } });
    expect(reminders).toBe(2);
    // A worker has it: only the worker answers.
    await t.service.db.prisma.handoff.updateMany({ where: { contactId: contact.id, status: 'waiting' }, data: { status: 'active' } });
    await age(family, 11);
    expect(await family.say(speak.hello)).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { addWorker } from '../support/addWorker.ts';
import { translate, type Language } from '../../src/i18n.ts';
import { isGsm7, toGsm7 } from '../../src/sms/gsm7.ts';
import { ConsoleClient } from '../support/ConsoleClient.ts';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';

// Issue 11, kind 9: one place composes every outbound body, whoever wrote it; SMS goes in GSM-7
// (SMS_GSM7 defaults to true), WhatsApp as written.
const t = useTestService();

const ADMIN = { email: 'coord@bienvenue.test', password: 'coordination a une longue phrase', name: 'Coordination', languages: ['fr', 'en', 'es', 'ht'] as Language[], role: 'admin' as const };
let admin: ConsoleClient;

beforeAll(async () => {
  await addWorker(t.service, ADMIN);
  admin = await ConsoleClient.login(t.baseUrl, ADMIN);
});

const ASK: Record<Language, { hello: string; person: string }> = {
  fr: { hello: 'bonjour je cherche un camp pour mon fils', person: 'PERSONNE' },
  en: { hello: 'hello I am looking for a camp for my son', person: 'PERSON' },
  es: { hello: 'hola busco un campamento para mi hijo', person: 'PERSONA' },
  ht: { hello: 'bonjou mwen chache yon kan pou pitit gason mwen', person: 'MOUN' },
};

describe.each(['sms', 'whatsapp'] as const)('by %s', (channel) => {
  it.each(['fr', 'en', 'es', 'ht'] as const)('a worker’s quick replies and the erasure confirmation go out as the bot’s own texts do (%s)', async (language) => {
    const family = new TestFamily(t, channel);
    await family.say(ASK[language].hello);
    await family.say('1');
    await family.say(ASK[language].person);
    const contact = await family.record();
    expect(contact.language).toBe(language);
    const handoff = (await admin.queue()).find((item) => item.contact.id === contact.id)!;
    expect((await admin.claim(handoff.id)).status).toBe(200);

    // The console's quick replies, in the family's language, with "á", "ó", "è", "’"…
    const quick = ['more_details', 'looking', 'check_helped'].map((id) => translate(language, `console:quick.${id}`));
    const before = t.twilio.to(family.address).length;
    for (const text of quick) {
      const sent = await admin.send(handoff.id, { text });
      expect(sent.status).toBe(201);
      // The transcript shows what the family received.
      expect(sent.body.message).toMatchObject({ kind: 'message', body: channel === 'sms' ? toGsm7(text) : text });
    }
    const received = (await t.twilio.waitFor(family.address, before + quick.length)).slice(before).map((message) => message.body);
    expect(received).toEqual(quick.map((text) => (channel === 'sms' ? toGsm7(text) : text)));
    if (channel === 'sms') for (const body of received) expect(isGsm7(body), body).toBe(true);

    const erased = await admin.erase(handoff.id);
    expect(erased.body.confirmation).toBe('queued');
    const [confirmation] = (await t.twilio.waitFor(family.address, before + quick.length + 1)).slice(before + quick.length);
    expect(confirmation!.body).toBe(family.text(language, 'delete.done'));
  });
});

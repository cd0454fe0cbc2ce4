import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { inboundForm, postSigned } from '../support/signedWebhook.ts';
import { isGsm7, smsSegments } from '../../src/sms/gsm7.ts';

const t = useTestService();

let n = 500;
const newPhone = () => `+1450555${String(n++).padStart(4, '0')}`;

/** Sends one message and returns the replies it got, once they stop coming. */
async function exchange(address: string, body: string): Promise<string[]> {
  const before = t.twilio.to(address).length;
  expect((await postSigned(t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: address, body }))).status).toBe(200);
  const deadline = Date.now() + 10_000;
  while (t.twilio.to(address).length === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await t.service.processor!.runner.idle();
  await new Promise((resolve) => setTimeout(resolve, 150));
  return t.twilio.to(address).slice(before).map((message) => message.body);
}

describe('a first conversation answers in the family’s language', () => {
  it.each([
    ['fr', 'allo jsuis enceinte pis jcherche des ateliers', /^Bonjour! Ici Bienvenue/, /\nJe vous aide à trouver/],
    ['en', 'hi my daughter is 3 is there a camp this summer', /^Hello! This is Bienvenue/, /\nI can help you find/],
    ['es', 'hola tengo un bebe de 8 meses y busco ayuda', /^¡Hola! Somos Bienvenue/, /\nPuedo ayudarle/],
    ['ht', 'bonjou mwen gen yon pitit 4 an mwen bezwen ed', /^Bonjou! Se Bienvenue/, /\nMwen ka ede w/],
  ])('%s', async (language, text, greeting, intro) => {
    for (const address of [newPhone(), `whatsapp:${newPhone()}`]) {
      const replies = await exchange(address, text);
      expect(replies).toEqual([expect.stringMatching(greeting)]);
      expect(replies[0]).toMatch(intro);
      const contact = await t.service.db.prisma.contact.findUniqueOrThrow({ where: { address } });
      expect(contact).toMatchObject({ language, languageConfirmed: true });
    }
  });

  it('asks which language when a message gives nothing to go on, and remembers the answer', async () => {
    const phone = newPhone();
    expect((await exchange(phone, '👍'))[0]).toMatch(/1 Francais\n2 English\n3 Español\n4 Kreyòl$/);
    expect(await exchange(phone, '9')).toEqual([expect.stringMatching(/^Je n'ai pas compris. Répondez 1, 2, 3 ou 4/)]);
    expect(await exchange(phone, '4')).toEqual([expect.stringMatching(/^Bon, n ap kontinye an kreyòl.*\nMwen ka ede w/s)]);
    expect(await exchange(phone, 'ok')).toEqual([expect.stringMatching(/^Mèsi pou mesaj ou/)]);
  });

  it('shows the four-language menu to a message in another language', async () => {
    const phone = newPhone();
    await exchange(phone, 'hello I need help');
    expect((await exchange(phone, 'Olá, preciso de ajuda com o meu filho'))[0]).toMatch(/1 Francais\n2 English/);
  });

  it('switches language on an explicit request or a message plainly in another language', async () => {
    const phone = newPhone();
    await exchange(phone, 'bonjour je cherche un camp pour mon gars');
    expect(await exchange(phone, 'in English please')).toEqual([expect.stringMatching(/^Great, let's continue in English.*\nI can help/s)]);
    expect(await exchange(phone, 'necesito ayuda con la vivienda para mi familia')).toEqual([expect.stringMatching(/^¡Gracias por su mensaje!/)]);
    expect((await t.service.db.prisma.contact.findUniqueOrThrow({ where: { address: phone } })).language).toBe('es');
  });
});

describe('fitting the channel', () => {
  it('spells SMS with GSM-7 characters only, and keeps every accent on WhatsApp', async () => {
    const phone = newPhone();
    const [sms] = await exchange(phone, 'bonjour je cherche une garderie pour ma fille');
    const [whatsapp] = await exchange(`whatsapp:${phone}`, 'bonjour je cherche une garderie pour ma fille');
    expect(sms).toContain('en francais');
    expect(isGsm7(sms!)).toBe(true);
    expect(smsSegments(sms!)).toBeLessThanOrEqual(2);
    expect(whatsapp).toContain('en français');
  });
});

describe('urgent and service messages', () => {
  it.each([
    ['fr', 'mon chum me frappe jai peur pour mes enfants', /^Si vous ou votre enfant etes en danger, appelez le 911/],
    ['en', 'my husband hits me and I am scared', /^If you or your child are in danger, call 911/],
    ['es', 'mi esposo me pega tengo miedo', /^Si usted o su hijo o hija estan en peligro, llame al 911/],
    ['ht', 'mari m ap bat mwen, mwen pè', /^Si ou menm oswa pitit ou an danje, rele 911/],
  ])('a crisis message in %s gets the emergency numbers first, even mid-menu', async (_language, text, emergency) => {
    const phone = newPhone();
    await exchange(phone, '👍');
    const replies = await exchange(phone, text);
    expect(replies[0]).toMatch(emergency);
    expect(replies[0]).toContain('811');
  });

  it('explains the service on HELP / AIDE', async () => {
    const phone = newPhone();
    await exchange(phone, 'hello, is there anything for toddlers');
    expect((await exchange(phone, 'help'))[0]).toMatch(/^Bienvenue is a free service/);
  });

  it('never answers twice and never fails on odd input', async () => {
    const phone = newPhone();
    for (const body of ['', '\u0000\u0007', 'x'.repeat(1600), 'مرحبا', '🙂🙂🙂']) {
      const replies = await exchange(phone, body);
      expect(replies.length).toBeGreaterThanOrEqual(1);
    }
    const failed = await t.service.db.prisma.message.count({ where: { contact: { phone }, status: 'error' } });
    expect(failed).toBe(0);
  });
});

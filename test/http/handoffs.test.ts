import { beforeAll, describe, expect, it } from 'vitest';
import { addWorker } from '../support/addWorker.ts';
import type { Language } from '../../src/i18n.ts';
import { ConsoleClient } from '../support/ConsoleClient.ts';
import { startTestService, useTestService } from '../support/startTestService.ts';
import { TestFamily, type FamilyPath } from '../support/TestFamily.ts';
import { BOT_NUMBER } from '../support/signedWebhook.ts';

// The app's clock runs `offsetMs` ahead of the real one: routing tests step it.
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

const TEMPLATE_SID = 'HX0123456789abcdef0123456789abcdef';
// Event streams check their session every 200 ms here (25 s in production).
const t = useTestService({ now, env: { TWILIO_WHATSAPP_TEMPLATE_SID: TEMPLATE_SID, HANDOFF_ROUTING_SECONDS: '120' }, eventsHeartbeatMs: 200 });

const MARIE = { email: 'marie@bienvenue.test', password: 'marie a une longue phrase', name: 'Marie', languages: ['fr', 'en'] as Language[] };
const JOSE = { email: 'jose@bienvenue.test', password: 'jose tiene una frase larga', name: 'José', languages: ['fr', 'es', 'ht'] as Language[] };
const ADMIN = { email: 'admin@bienvenue.test', password: 'admin has a long passphrase', name: 'Coordination', languages: ['fr'] as Language[], role: 'admin' as const };

let marie: ConsoleClient;
let jose: ConsoleClient;
let admin: ConsoleClient;

beforeAll(async () => {
  for (const worker of [MARIE, JOSE, ADMIN]) await addWorker(t.service, worker);
  marie = await ConsoleClient.login(t.baseUrl, MARIE);
  jose = await ConsoleClient.login(t.baseUrl, JOSE);
  admin = await ConsoleClient.login(t.baseUrl, ADMIN);
});

const WORDS: Record<Language, { hello: string; person: string; thanks: string; menu: string }> = {
  fr: { hello: 'bonjour je cherche un camp pour mon fils', person: 'PERSONNE', thanks: 'merci beaucoup', menu: 'MENU' },
  en: { hello: 'hello I am looking for a camp for my son', person: 'PERSON', thanks: 'thank you so much', menu: 'MENU' },
  es: { hello: 'hola busco un campamento para mi hijo', person: 'PERSONA', thanks: 'muchas gracias', menu: 'MENÚ' },
  ht: { hello: 'bonjou mwen chache yon kan pou pitit gason mwen', person: 'MOUN', thanks: 'mèsi anpil', menu: 'MENU' },
};

/** A family that asked for a person, and its handoff as the queue shows it. */
async function familyWaiting(language: Language, channel: 'sms' | 'whatsapp' = 'sms', path: FamilyPath = 'turn') {
  const family = new TestFamily(t, channel, path);
  await family.say(WORDS[language].hello);
  expect(await family.say(WORDS[language].person)).toEqual([family.like(language, 'person.requested')]);
  const contact = await family.record();
  const handoff = (await marie.queue()).find((item) => item.contact.id === contact.id);
  expect(handoff).toBeDefined();
  return { family, handoff: handoff!, contact };
}

describe.each([
  ['fr', 'sms'],
  ['en', 'whatsapp'],
  ['es', 'sms'],
  ['ht', 'whatsapp'],
  ['fr', 'whatsapp'],
  ['en', 'sms'],
  ['es', 'whatsapp'],
  ['ht', 'sms'],
] as [Language, 'sms' | 'whatsapp'][])('a family writing in %s by %s', (language, channel) => {
  it('asks for a person, is answered by a worker through the console, and goes back to the bot', async () => {
    const events = await jose.events();
    // End to end: the family writes through the signed webhook.
    const { family, handoff, contact } = await familyWaiting(language, channel, 'webhook');
    await events.next((event) => event.handoffId === handoff.id && event.type === 'requested');
    expect(handoff).toMatchObject({ status: 'waiting', reason: 'asked', priority: 0, claimedBy: null, contact: { channel, language, phone: contact.phone } });

    const claimed = await jose.claim(handoff.id);
    expect(claimed.status).toBe(200);
    expect(claimed.body.handoff).toMatchObject({ status: 'active', claimedBy: { name: 'José' } });
    await events.next((event) => event.handoffId === handoff.id && event.type === 'claimed');

    const before = t.twilio.to(family.address).length;
    const text = `Bonjour, ici José (${language}). Je regarde les camps près de chez vous.`;
    const sent = await jose.send(handoff.id, { text });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({ kind: 'message', author: 'worker', workerName: 'José', body: text, status: 'queued' });
    const delivered = (await t.twilio.waitFor(family.address, before + 1)).at(-1)!;
    // Over the family's own channel, from the number of that channel.
    expect(delivered).toMatchObject({ body: text, from: channel === 'whatsapp' ? `whatsapp:${BOT_NUMBER}` : BOT_NUMBER });

    // While a person holds the conversation, the bot stays silent; the worker hears the family.
    expect(await family.say(WORDS[language].thanks)).toEqual([]);
    await events.next((event) => event.handoffId === handoff.id && event.type === 'message');
    const detail = await jose.detail(handoff.id);
    const messages = detail.transcript.filter((item) => item.kind === 'message');
    expect(messages.slice(-2)).toEqual([
      expect.objectContaining({ author: 'worker', workerId: jose.worker.id, workerName: 'José', body: text, status: expect.stringMatching(/^(queued|sent|delivered)$/) }),
      expect.objectContaining({ author: 'parent', direction: 'inbound', body: WORDS[language].thanks }),
    ]);
    expect(messages[0]).toMatchObject({ author: 'parent', body: WORDS[language].hello });
    expect(messages.some((item) => item.author === 'bot')).toBe(true);
    expect(detail.transcript.filter((item) => item.kind === 'event').map((item) => item.kind === 'event' && [item.type, item.workerName])).toEqual([
      ['requested', null],
      ['claimed', 'José'],
    ]);
    expect(detail.profile.language).toBe(language);

    const resolved = await jose.resolve(handoff.id);
    expect(resolved.status).toBe(200);
    expect(resolved.body.handoff).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
    await events.next((event) => event.handoffId === handoff.id && event.type === 'resolved');
    expect((await jose.queue()).map((item) => item.id)).not.toContain(handoff.id);
    expect((await jose.queue('resolved')).map((item) => item.id)).toContain(handoff.id);

    // The bot answers again.
    expect(await family.say(WORDS[language].menu)).toEqual([family.text(language, 'menu.main')]);
    events.close();
  });
});

describe('the queue', () => {
  it('lists a crisis first, then by waiting time', async () => {
    const first = await familyWaiting('fr');
    const second = await familyWaiting('en');
    const crisis = new TestFamily(t);
    const replies = await crisis.say("mon mari me frappe et j'ai peur pour mes enfants");
    expect(replies[0]).toMatch(/911/);
    const queue = await marie.queue('waiting');
    const ids = queue.map((item) => item.id);
    const crisisItem = queue.find((item) => item.reason === 'crisis')!;
    expect(crisisItem).toMatchObject({ priority: 2, offered: true });
    expect(ids.indexOf(crisisItem.id)).toBe(0);
    expect(ids.indexOf(first.handoff.id)).toBeLessThan(ids.indexOf(second.handoff.id));
    // Sorted by priority, then oldest request first.
    for (let i = 1; i < queue.length; i++) {
      const [a, b] = [queue[i - 1]!, queue[i]!];
      expect(a.priority > b.priority || (a.priority === b.priority && a.requestedAt <= b.requestedAt)).toBe(true);
    }
  });

  it('offers a family first to workers who speak its language, to everyone after the routing delay', async () => {
    const { handoff } = await familyWaiting('es');
    const forJose = (await jose.queue()).find((item) => item.id === handoff.id)!;
    const forMarie = (await marie.queue()).find((item) => item.id === handoff.id)!;
    expect(forJose).toMatchObject({ speaksLanguage: true, offered: true });
    expect(forMarie).toMatchObject({ speaksLanguage: false, offered: false });
    offsetMs += 121_000;
    try {
      expect((await marie.queue()).find((item) => item.id === handoff.id)).toMatchObject({ speaksLanguage: false, offered: true });
    } finally {
      offsetMs -= 121_000;
    }
  });
});

describe('rules of the console API', () => {
  it('serves the console, where the site’s root leads when Twilio is connected', async () => {
    const root = await fetch(`${t.baseUrl}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/console']);
    const page = await fetch(`${t.baseUrl}/console`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });

  it('needs a session (401), the CSRF token on changes (403), and names what does not exist (404)', async () => {
    const { handoff } = await familyWaiting('fr');
    expect((await fetch(`${t.baseUrl}/api/handoffs`)).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/handoffs/${handoff.id}`)).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/events`)).status).toBe(401);
    expect((await marie.post(`/api/handoffs/${handoff.id}/claim`, undefined, { csrf: false })).status).toBe(403);
    expect((await marie.get('/api/handoffs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await marie.get('/api/handoffs/not-an-id')).status).toBe(404);
    expect((await marie.claim('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await marie.get('/api/handoffs?status=lost')).status).toBe(400);
    expect((await marie.post(`/api/handoffs/${handoff.id}/messages`, { text: '   ' })).status).toBe(400);
    expect((await marie.post(`/api/handoffs/${handoff.id}/messages`, { text: 'x'.repeat(1601) })).status).toBe(400);
    expect((await marie.post(`/api/handoffs/${handoff.id}/messages`, { body: 'wrong field' })).status).toBe(400);
  });

  it('ends a live event stream when its session ends', async () => {
    const again = await ConsoleClient.login(t.baseUrl, MARIE);
    const events = await again.events();
    let ended = false;
    void events.ended.then(() => (ended = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ended).toBe(false);
    const logout = await fetch(`${t.baseUrl}/api/auth/logout`, { method: 'POST', headers: { Cookie: again.cookie, 'X-CSRF-Token': again.csrfToken } });
    expect(logout.ok).toBe(true);
    await events.ended;
  });

  it('one worker at a time: claim first, only an admin takes over a colleague’s conversation, resolving needs the holder or an admin', async () => {
    const { handoff } = await familyWaiting('fr');
    expect(await marie.send(handoff.id, { text: 'Bonjour' })).toMatchObject({ status: 409, body: { code: 'claim_first' } });
    expect((await marie.claim(handoff.id)).status).toBe(200);
    expect((await marie.claim(handoff.id)).status).toBe(200);
    expect(await jose.claim(handoff.id)).toMatchObject({ status: 409, body: { code: 'claimed_by_someone_else', claimedBy: 'Marie' } });
    expect(await jose.send(handoff.id, { text: 'Hola' })).toMatchObject({ status: 409, body: { code: 'claimed_by_someone_else' } });
    expect(await jose.resolve(handoff.id)).toMatchObject({ status: 409, body: { code: 'claimed_by_someone_else' } });
    // A worker cannot take a colleague's family through the API; the coordinator can, and it is recorded.
    expect(await jose.claim(handoff.id, { takeOver: true })).toMatchObject({ status: 403, body: { code: 'admin_only' } });
    expect(await admin.claim(handoff.id, { takeOver: true })).toMatchObject({ status: 200, body: { handoff: { claimedBy: { name: 'Coordination' } } } });
    const takenOver = await t.service.db.prisma.handoffEvent.findFirst({ where: { handoffId: handoff.id, type: 'claimed' }, orderBy: { id: 'desc' } });
    expect(takenOver?.data).toMatchObject({ from: marie.worker.id, takeOver: true });
    // Marie's console learns it from the conversation: who holds it now.
    expect((await marie.detail(handoff.id)).handoff.claimedBy).toMatchObject({ name: 'Coordination' });
    expect((await admin.resolve(handoff.id)).status).toBe(200);
    expect(await admin.resolve(handoff.id)).toMatchObject({ status: 409, body: { code: 'resolved' } });
    expect(await jose.send(handoff.id, { text: 'Hola' })).toMatchObject({ status: 409, body: { code: 'resolved' } });
  });

  it('says, per conversation, what each worker may do: claim, reply, resolve, erase', async () => {
    const { handoff } = await familyWaiting('fr');
    const allowed = async (client: ConsoleClient) => (await client.detail(handoff.id)).allowed;
    expect(await allowed(marie)).toEqual({ claim: true, reply: false, resolve: true, erase: false });
    expect(await allowed(admin)).toEqual({ claim: true, reply: false, resolve: true, erase: true });
    await marie.claim(handoff.id);
    expect(await allowed(marie)).toEqual({ claim: false, reply: true, resolve: true, erase: true });
    expect(await allowed(jose)).toEqual({ claim: false, reply: false, resolve: false, erase: false });
    expect(await allowed(admin)).toEqual({ claim: true, reply: false, resolve: true, erase: true });
    await marie.resolve(handoff.id);
    expect(await allowed(marie)).toEqual({ claim: false, reply: false, resolve: false, erase: true });
    expect(await allowed(jose)).toEqual({ claim: false, reply: false, resolve: false, erase: false });
  });

  it('keeps internal notes in the transcript and never sends them', async () => {
    const { family, handoff } = await familyWaiting('ht');
    const before = t.twilio.to(family.address).length;
    const note = await jose.note(handoff.id, 'Famille suivie par le CLSC, rappeler demain');
    expect(note.status).toBe(201);
    const detail = await marie.detail(handoff.id);
    expect(detail.transcript.at(-1)).toMatchObject({ kind: 'note', workerName: 'José', text: 'Famille suivie par le CLSC, rappeler demain' });
    expect(t.twilio.to(family.address)).toHaveLength(before);
  });

  it('audits claims, replies and transcript views, without message bodies', async () => {
    const { handoff } = await familyWaiting('en');
    await marie.claim(handoff.id);
    await marie.send(handoff.id, { text: 'A private answer' });
    await marie.detail(handoff.id);
    const rows = await t.service.db.prisma.auditLog.findMany({ where: { target: handoff.id }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.action, row.workerId])).toEqual([
      ['handoff_claimed', marie.worker.id],
      ['handoff_reply', marie.worker.id],
      ['transcript_viewed', marie.worker.id],
    ]);
    expect(JSON.stringify(rows.map((row) => row.data))).not.toContain('A private answer');
  });

  it('a conversation refreshed live is one view in the audit log, not one per refresh', async () => {
    const { handoff } = await familyWaiting('fr');
    for (let i = 0; i < 5; i += 1) await jose.detail(handoff.id);
    expect(await t.service.db.prisma.auditLog.count({ where: { target: handoff.id, action: 'transcript_viewed', workerId: jose.worker.id } })).toBe(1);
    // Another worker's look is their own row; a look much later is a new one.
    await marie.detail(handoff.id);
    offsetMs += 11 * 60_000;
    await jose.detail(handoff.id);
    const views = await t.service.db.prisma.auditLog.findMany({ where: { target: handoff.id, action: 'transcript_viewed' } });
    expect(views.map((row) => row.workerId).sort()).toEqual([jose.worker.id, jose.worker.id, marie.worker.id].sort());
  });

  it('admins search the audit log; workers cannot read it', async () => {
    const { handoff } = await familyWaiting('es');
    await jose.claim(handoff.id);
    expect((await jose.get('/api/audit')).status).toBe(403);
    const byTarget = await admin.get<{ entries: { action: string; worker: { name: string } | null; target: string }[] }>(`/api/audit?target=${handoff.id}`);
    expect(byTarget.status).toBe(200);
    expect(byTarget.body.entries).toMatchObject([{ action: 'handoff_claimed', worker: { name: 'José' }, target: handoff.id }]);
    const byWorker = await admin.get<{ entries: { action: string }[] }>(`/api/audit?email=${encodeURIComponent(JOSE.email)}&action=login`);
    expect(byWorker.body.entries.length).toBeGreaterThanOrEqual(1);
    expect(byWorker.body.entries.every((entry) => entry.action === 'login')).toBe(true);
    expect((await admin.get('/api/audit?from=not-a-date')).status).toBe(400);
  });

  it('STOP during a handoff still wins: confirmed to the family, and the console cannot write any more', async () => {
    const { family, handoff } = await familyWaiting('fr');
    await marie.claim(handoff.id);
    expect(await family.say('STOP')).toEqual([family.text('fr', 'optout.confirmed')]);
    expect((await marie.detail(handoff.id)).profile.optedOut).toBe(true);
    expect(await marie.send(handoff.id, { text: 'Bonjour ?' })).toMatchObject({ status: 409, body: { code: 'opted_out' } });
  });
});

describe("WhatsApp's 24-hour window", () => {
  it('past 24 hours, refuses free text and sends the approved template instead', async () => {
    const { family, handoff, contact } = await familyWaiting('es', 'whatsapp');
    await jose.claim(handoff.id);
    expect((await jose.detail(handoff.id)).whatsappWindow).toMatchObject({ open: true });
    await t.service.db.prisma.contact.update({ where: { id: contact.id }, data: { lastInboundAt: new Date(Date.now() - 25 * 3600_000) } });
    const detail = await jose.detail(handoff.id);
    expect(detail.whatsappWindow).toMatchObject({ open: false });
    expect(detail.template).toEqual({ available: true });
    expect(await jose.send(handoff.id, { text: 'Hola' })).toMatchObject({ status: 409, body: { code: 'whatsapp_window_closed' } });

    const before = t.twilio.to(family.address).length;
    const sent = await jose.send(handoff.id, { template: 'reopen' });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({ author: 'worker', body: family.text('es', 'handoff.reopen_template') });
    expect((await t.twilio.waitFor(family.address, before + 1)).at(-1)).toMatchObject({ contentSid: TEMPLATE_SID });
  });

  it('SMS has no window', async () => {
    const { handoff, contact } = await familyWaiting('fr');
    await marie.claim(handoff.id);
    await t.service.db.prisma.contact.update({ where: { id: contact.id }, data: { lastInboundAt: new Date(Date.now() - 72 * 3600_000) } });
    expect((await marie.detail(handoff.id)).whatsappWindow).toBeNull();
    expect((await marie.send(handoff.id, { text: 'Bonjour' })).status).toBe(201);
  });
});

describe.runIf(process.env.DATABASE_URL)('several app instances on one PostgreSQL', () => {
  it('a console on one instance hears, live, a family that asked on the other', async () => {
    const other = await startTestService({ databaseUrl: t.service.config.databaseUrl, twilio: t.twilio });
    try {
      const elsewhere = await ConsoleClient.login(other.baseUrl, MARIE);
      const events = await elsewhere.events();
      const { handoff } = await familyWaiting('fr');
      await events.next((event) => event.handoffId === handoff.id && event.type === 'requested');
      await jose.claim(handoff.id);
      await events.next((event) => event.handoffId === handoff.id && event.type === 'claimed');
      events.close();
    } finally {
      await other.service.stop({ flushMs: 0 });
    }
  });
});

describe("a family's data: exported, and erased at its request", () => {
  const prisma = () => t.service.db.prisma;

  /** What is left of the family in the database besides its number. */
  async function leftOf(contactId: string, handoffId: string) {
    const db = prisma();
    const [messages, handoffs, handoffEvents, contactEvents, dialogState, notes] = await Promise.all([
      db.message.findMany({ where: { contactId }, orderBy: { id: 'asc' } }),
      db.handoff.count({ where: { contactId } }),
      db.handoffEvent.count({ where: { handoffId } }),
      db.contactEvent.count({ where: { contactId } }),
      db.dialogState.count({ where: { contactId } }),
      db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM handoff_events WHERE type = 'note'`,
    ]);
    return { messages, handoffs, handoffEvents, contactEvents, dialogState, notes: notes[0]!.count };
  }

  it('a family that erases itself through the bot leaves no handoff and no internal note behind', async () => {
    const { family, handoff, contact } = await familyWaiting('fr');
    await marie.claim(handoff.id);
    const note = 'La mère cherche un logement, rappeler jeudi';
    expect((await marie.note(handoff.id, note)).status).toBe(201);
    expect((await marie.resolve(handoff.id)).status).toBe(200);
    const notesBefore = (await leftOf(contact.id, handoff.id)).notes;

    expect(await family.say('EFFACER')).toEqual([family.text('fr', 'delete.confirm')]);
    expect(await family.say('oui')).toEqual([family.text('fr', 'delete.done')]);
    const left = await leftOf(contact.id, handoff.id);
    expect(left).toMatchObject({ handoffs: 0, handoffEvents: 0, contactEvents: 0, dialogState: 0, notes: notesBefore - 1 });
    const mentions = await prisma().$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM handoff_events WHERE data::text LIKE ${'%logement%'}`;
    expect(mentions).toEqual([{ count: 0 }]);
    expect((await marie.get(`/api/handoffs/${handoff.id}`)).status).toBe(404);
    expect((await marie.queue('resolved')).map((item) => item.id)).not.toContain(handoff.id);
  });

  it('exports a conversation as a JSON file, audited as an export and not as a view', async () => {
    const { handoff, contact } = await familyWaiting('es', 'whatsapp');
    await jose.claim(handoff.id);
    await jose.note(handoff.id, 'Nota para el expediente');
    const file = await jose.exportTranscript(handoff.id);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^application\/json/);
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(file.body.exportedAt.slice(0, 10)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="bienvenue-${handoff.id.slice(0, 8)}-${file.body.exportedAt.slice(0, 10)}.json"`);
    expect(file.body).toMatchObject({
      exportedBy: { id: jose.worker.id, name: 'José' },
      handoff: { id: handoff.id, status: 'active', claimedBy: { name: 'José' }, contact: { id: contact.id, channel: 'whatsapp', language: 'es' } },
      profile: { language: 'es', optedOut: false },
    });
    const items = file.body.transcript;
    expect(items.find((item) => item.kind === 'message')).toMatchObject({ author: 'parent', body: WORDS.es.hello });
    expect(items.at(-1)).toMatchObject({ kind: 'note', workerName: 'José', text: 'Nota para el expediente' });

    const rows = await prisma().auditLog.findMany({ where: { target: handoff.id, action: { in: ['transcript_exported', 'transcript_viewed'] } } });
    expect(rows.map((row) => [row.action, row.workerId])).toEqual([['transcript_exported', jose.worker.id]]);

    expect((await marie.get('/api/handoffs/00000000-0000-4000-8000-000000000000/export')).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/api/handoffs/${handoff.id}/export`)).status).toBe(401);
  });

  it('a readable transcript for people, in the worker’s language, beside the JSON for machines', async () => {
    const { family, handoff, contact } = await familyWaiting('ht', 'whatsapp');
    await jose.claim(handoff.id);
    await jose.send(handoff.id, { text: 'Bonjou, se José.\nKijan m ka ede w?' });
    await family.say('mwen bezwen yon gadri');
    await jose.note(handoff.id, 'Rappeler lundi');
    const response = await fetch(`${t.baseUrl}/api/handoffs/${handoff.id}/export?format=text&lang=fr`, { headers: { Cookie: jose.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="bienvenue-${handoff.id.slice(0, 8)}-\\d{4}-\\d{2}-\\d{2}\\.txt"$`));
    const text = await response.text();
    const lines = text.split('\n');
    expect(lines[0]).toBe(`Bienvenue — ${contact.phone}`);
    expect(lines[1]).toBe('Langue: Créole haïtien · Canal: WhatsApp · Raison: A demandé une personne');
    const stamp = String.raw`^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}\] `;
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`${stamp}Parent: ${WORDS.ht.hello}$`)),
        expect.stringMatching(new RegExp(`${stamp}— Prise en charge par José —$`)),
        expect.stringMatching(new RegExp(`${stamp}José: Bonjou, se José\\.$`)),
        '    Kijan m ka ede w?',
        expect.stringMatching(new RegExp(`${stamp}Parent: mwen bezwen yon gadri$`)),
        expect.stringMatching(new RegExp(`${stamp}Note interne — José: Rappeler lundi$`)),
      ]),
    );
    expect((await fetch(`${t.baseUrl}/api/handoffs/${handoff.id}/export?format=pdf`, { headers: { Cookie: jose.cookie } })).status).toBe(400);
  });

  it('tells the worker holding a conversation what the family wrote since: unread, waiting since, last message', async () => {
    const { family, handoff } = await familyWaiting('fr');
    const row = async (client: ConsoleClient) => (await client.queue()).find((item) => item.id === handoff.id)!;
    expect(await row(marie)).toMatchObject({ status: 'waiting', awaitingReplySince: handoff.requestedAt, unreadCount: 0, lastMessage: { author: 'bot' } });

    await marie.claim(handoff.id);
    await marie.send(handoff.id, { text: 'Bonjour, ici Marie.' });
    expect(await row(marie)).toMatchObject({ awaitingReplySince: null, unreadCount: 0, lastMessage: { author: 'worker', preview: 'Bonjour, ici Marie.' } });

    const long = 'Mon fils a 4 ans et ma fille 2 ans, on cherche un camp de jour près de Saint-Michel pour cet été, idéalement avec le transport, parce que je travaille de jour';
    await family.say('merci!');
    await family.say(long);
    const mine = await row(marie);
    expect(mine.unreadCount).toBe(2);
    expect(mine.lastMessage).toEqual({ author: 'parent', preview: long.slice(0, 140), at: expect.any(String) });
    expect(Date.parse(mine.awaitingReplySince!)).toBeLessThan(Date.parse(mine.lastMessage!.at));
    // The count is the holder's: a colleague sees none.
    expect((await row(jose)).unreadCount).toBe(0);

    // Refreshed in a hidden tab, still unread; opened, read; still waiting for a reply until one goes.
    expect((await marie.get(`/api/handoffs/${handoff.id}?seen=false`)).status).toBe(200);
    expect((await row(marie)).unreadCount).toBe(2);
    await marie.detail(handoff.id);
    expect(await row(marie)).toMatchObject({ unreadCount: 0, awaitingReplySince: mine.awaitingReplySince });
    await marie.send(handoff.id, { text: 'Je regarde ça.' });
    expect(await row(marie)).toMatchObject({ unreadCount: 0, awaitingReplySince: null });
  });

  it('erasing needs the worker holding the conversation, or an admin', async () => {
    const { handoff, contact } = await familyWaiting('fr');
    expect(await marie.erase(handoff.id)).toMatchObject({ status: 409, body: { code: 'claim_first' } });
    await marie.claim(handoff.id);
    expect(await jose.erase(handoff.id)).toMatchObject({ status: 409, body: { code: 'claimed_by_someone_else', claimedBy: 'Marie' } });
    expect((await marie.post(`/api/handoffs/${handoff.id}/erase`, undefined, { csrf: false })).status).toBe(403);
    await marie.resolve(handoff.id);
    // Resolved: the worker who held it still may (the family phoned back), another worker may not.
    expect(await jose.erase(handoff.id)).toMatchObject({ status: 403, body: { code: 'holder_or_admin_only' } });
    expect((await marie.detail(handoff.id)).handoff.id).toBe(handoff.id);
    expect(await prisma().auditLog.count({ where: { target: handoff.id, action: 'family_erased' } })).toBe(0);

    expect(await admin.erase(handoff.id)).toMatchObject({ status: 200, body: { erased: true, confirmation: 'queued' } });
    expect(await prisma().handoff.count({ where: { contactId: contact.id } })).toBe(0);
    expect((await admin.erase(handoff.id)).status).toBe(404);
  });

  it.each([
    ['ht', 'whatsapp'],
    ['es', 'sms'],
  ] as [Language, 'sms' | 'whatsapp'][])(
    'erased by the worker holding it (%s by %s): told in its language on its channel, forgotten, and new to the bot',
    async (language, channel) => {
      const events = await marie.events();
      const { family, handoff, contact } = await familyWaiting(language, channel);
      await jose.claim(handoff.id);
      const before = t.twilio.to(family.address).length;
      expect((await jose.send(handoff.id, { text: 'Un mensaje de José' })).status).toBe(201);
      await t.twilio.waitFor(family.address, before + 1);
      await jose.note(handoff.id, 'Famille suivie par le CLSC');
      await family.say(WORDS[language].thanks);

      const erased = await jose.erase(handoff.id);
      expect(erased).toMatchObject({ status: 200, body: { erased: true, confirmation: 'queued' } });
      const confirmation = (await t.twilio.waitFor(family.address, before + 2)).at(-1)!;
      expect(confirmation).toMatchObject({ body: family.text(language, 'delete.done'), from: channel === 'whatsapp' ? `whatsapp:${BOT_NUMBER}` : BOT_NUMBER });
      // Consoles hear of it, refetch, and find nothing.
      await events.next((event) => event.handoffId === handoff.id && event.type === 'resolved');
      events.close();
      expect((await jose.get(`/api/handoffs/${handoff.id}`)).status).toBe(404);
      expect((await jose.queue()).map((item) => item.contact.id)).not.toContain(contact.id);

      const left = await leftOf(contact.id, handoff.id);
      expect(left).toMatchObject({ handoffs: 0, handoffEvents: 0, contactEvents: 0, dialogState: 0 });
      // Only the confirmation, which had yet to be sent when the data was erased.
      expect(left.messages.map((message) => [message.author, message.body])).toEqual([['bot', family.text(language, 'delete.done')]]);
      expect(await family.record()).toMatchObject({
        language: 'fr',
        languageConfirmed: false,
        consentGiven: false,
        consentAt: null,
        neighbourhood: null,
        childrenAgesMonths: [],
        lastInboundAt: null,
        optedOut: false,
      });

      const audited = await prisma().auditLog.findMany({ where: { target: handoff.id, action: 'family_erased' } });
      expect(audited.map((row) => row.workerId)).toEqual([jose.worker.id]);
      // Neither the phone number nor any text: the contact's id and what became of the confirmation.
      expect(audited[0]!.data).toEqual({ contactId: contact.id, confirmation: 'queued' });

      // The bot answers the family's next message as a new family's.
      expect(await family.say(WORDS[language].hello)).toEqual([family.text(language, 'consent.notice')]);
    },
  );

  it('skips the confirmation for a family that said STOP', async () => {
    const { family, handoff } = await familyWaiting('en');
    await marie.claim(handoff.id);
    await family.say('STOP');
    const before = t.twilio.to(family.address).length;
    expect(await marie.erase(handoff.id)).toMatchObject({ status: 200, body: { erased: true, confirmation: 'skipped_opted_out' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.twilio.to(family.address)).toHaveLength(before);
    expect((await family.record()).optedOut).toBe(true);
  });
});

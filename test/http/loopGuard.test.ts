import { describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { inboundForm } from '../support/signedWebhook.ts';
import { deliverInbound } from '../support/TestFamily.ts';

const t = useTestService();

let n = 100;
const newPhone = () => `+1438556${String(n++).padStart(4, '0')}`;

/** One message from `phone`, straight to its turn; resolves once its replies are out. */
async function text(phone: string, body: string): Promise<void> {
  await deliverInbound(t, inboundForm({ from: phone, body }));
}

async function loopState(phone: string) {
  const contact = await t.service.db.prisma.contact.findFirstOrThrow({ where: { phone }, include: { loopGuard: true, handoffs: true, events: true } });
  return {
    guard: contact.loopGuard,
    handoffs: contact.handoffs.map((handoff) => ({ reason: handoff.reason, status: handoff.status })),
    stops: contact.events.filter((event) => event.type === 'loop_guard').map((event) => (event.data as { reason: string }).reason),
  };
}

describe('loop guard', () => {
  it('stops answering an auto-responder, offers the family to the team once, and resumes on a different message', async () => {
    const phone = newPhone();
    const autoReply = "Je suis absente jusqu'au 3 décembre. Merci de votre message!";
    await text(phone, autoReply);
    await text(phone, autoReply);
    const answered = t.twilio.to(phone).length;
    expect(answered).toBeGreaterThanOrEqual(2);
    // The third identical text within 5 minutes: silence, and the team is offered the conversation.
    for (let i = 0; i < 4; i++) await text(phone, autoReply);
    expect(t.twilio.to(phone)).toHaveLength(answered);
    let state = await loopState(phone);
    expect(state.guard).toMatchObject({ reason: 'repeated_text', resumedAt: null });
    expect(state.guard!.offeredAt).toBeInstanceOf(Date);
    expect(state.handoffs).toEqual([{ reason: 'loop_guard', status: 'waiting' }]);
    expect(state.stops).toEqual(['repeated_text']);

    // A different message: the bot answers again and withdraws the offer no one took.
    await text(phone, 'MENU');
    expect(t.twilio.to(phone).length).toBeGreaterThan(answered);
    state = await loopState(phone);
    expect(state.guard!.resumedAt).toBeInstanceOf(Date);
    expect(state.handoffs).toEqual([{ reason: 'loop_guard', status: 'resolved' }]);
  });

  it('does not count short answers: "1" three times is a parent choosing, not a loop', async () => {
    const phone = newPhone();
    await text(phone, 'bonjour');
    const before = t.twilio.to(phone).length;
    for (let i = 0; i < 3; i++) await text(phone, '1');
    expect(t.twilio.to(phone).length).toBeGreaterThan(before + 2);
    expect((await loopState(phone)).guard).toBeNull();
  });

  it('never sends more than 10 replies to a family within a minute', async () => {
    const phone = newPhone();
    const messages = ['bonjour', 'oui', 'menu', 'aide', 'LANGUE', 'en', 'help', 'menu please', 'help me', 'language', 'francais', 'aide svp', 'MENU!'];
    for (const body of messages) await text(phone, body);
    const bot = await t.service.db.prisma.message.count({ where: { contact: { phone }, direction: 'outbound', author: 'bot' } });
    expect(bot).toBeLessThanOrEqual(10);
    expect(t.twilio.to(phone).length).toBeLessThanOrEqual(10);
    const state = await loopState(phone);
    expect(state.guard).toMatchObject({ reason: 'reply_rate' });
    expect(state.handoffs).toEqual([{ reason: 'loop_guard', status: 'waiting' }]);
  });

  it('never silences a crisis message, however often it comes', async () => {
    const phone = newPhone();
    const crisis = "mon conjoint me frappe, j'ai peur pour mes enfants";
    for (let i = 0; i < 4; i++) await text(phone, crisis);
    const emergency = t.twilio.to(phone).filter((message) => /911/.test(message.body));
    expect(emergency).toHaveLength(4);
  });

  it('takes Twilio 14107 as a stop: not retried, the bot stops for the family', async () => {
    const phone = newPhone();
    t.twilio.script.set(phone, [{ status: 429, code: 14107 }]);
    await text(phone, "Absent du bureau jusqu'au 5 décembre");
    const row = await t.service.db.prisma.outbox.findFirstOrThrow({ where: { contact: { phone } } });
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    await expect.poll(async () => (await loopState(phone)).guard?.reason).toBe('twilio_14107');
    expect((await loopState(phone)).stops).toEqual(['twilio_14107']);
    // The loop goes on: silence, and the team is offered the conversation.
    await text(phone, "Absent du bureau jusqu'au 5 décembre");
    expect(t.twilio.to(phone)).toHaveLength(0);
    expect((await loopState(phone)).handoffs).toEqual([{ reason: 'loop_guard', status: 'waiting' }]);
  });
});

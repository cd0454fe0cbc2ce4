import { expect } from 'vitest';
import type { TestService } from './startTestService.ts';
import { inboundForm, messageSid, postSigned } from './signedWebhook.ts';
import { translate, type Language } from '../../src/i18n.ts';
import { toGsm7 } from '../../src/sms/gsm7.ts';

let next = 1000;

/** A parent texting the bot through the real signed webhook, as SMS or WhatsApp. */
export class TestFamily {
  readonly address: string;

  constructor(
    private readonly t: TestService,
    readonly channel: 'sms' | 'whatsapp' = 'sms',
  ) {
    const phone = `+1438555${String(next++).padStart(4, '0')}`;
    this.address = channel === 'whatsapp' ? `whatsapp:${phone}` : phone;
  }

  /** Sends a message; returns the replies of its turn once they are all sent. */
  async say(body: string, extra?: Record<string, string>): Promise<string[]> {
    const before = this.t.twilio.to(this.address).length;
    const sid = messageSid();
    const response = await postSigned(this.t.baseUrl, '/webhooks/twilio/messages', inboundForm({ from: this.address, body, sid, extra }));
    expect(response.status).toBe(200);
    const prisma = this.t.service.db.prisma;
    const deadline = Date.now() + 15_000;
    for (;;) {
      const contact = await prisma.contact.findUnique({ where: { address: this.address } });
      const message = await prisma.message.findUnique({ where: { twilioSid: sid } });
      // An erased family's message is gone once its turn is done.
      const handled = contact && (message ? message.processedAt !== null : true);
      const unsent = contact ? await prisma.outbox.count({ where: { contactId: contact.id, status: { in: ['pending', 'sending'] } } }) : 1;
      if (handled && unsent === 0 && this.t.twilio.to(this.address).length >= before) break;
      if (Date.now() > deadline) throw new Error(`no answer to "${body}" within 15 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.t.twilio.to(this.address).slice(before).map((message) => message.body);
  }

  /** Sends a message and returns its replies joined, for matching. */
  async reply(body: string): Promise<string> {
    return (await this.say(body)).join('\n---\n');
  }

  /** The family's record. */
  async record() {
    return this.t.service.db.prisma.contact.findUniqueOrThrow({ where: { address: this.address } });
  }

  /** A matcher for a text whose variables ({{when}}…) vary: they match anything. */
  like(language: Language, key: string): string {
    const marker = '§§§';
    const text = this.text(language, key, { when: marker, time: marker, day: marker, list: marker, details: marker, count: marker });
    const pattern = text.split(marker).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?');
    return expect.stringMatching(new RegExp(`^${pattern}$`)) as unknown as string;
  }

  /** A text of the bot as this family receives it (SMS spelled in GSM-7). */
  text(language: Language, key: string, vars: Record<string, unknown> = {}): string {
    const text = translate(language, key, vars);
    return this.channel === 'sms' ? toGsm7(text) : text;
  }
}

import { expect } from 'vitest';
import type { TestService } from './startTestService.ts';
import { inboundForm, postSigned } from './signedWebhook.ts';
import { recordInbound } from '../../src/channels/twilio/recordInbound.ts';
import { inboundMessageFormSchema } from '../../src/channels/twilio/webhookSchemas.ts';
import type { OutboxDispatcher, OutboxJob } from '../../src/outbox/OutboxDispatcher.ts';
import { translate, type Language } from '../../src/i18n.ts';
import { toGsm7 } from '../../src/sms/gsm7.ts';

let next = 1000;

/**
 * How a family's message reaches the bot: `turn` stores it as the webhook would (the same form,
 * parsed by the same schema) and schedules its turn in-process; `webhook` posts it, signed,
 * through HTTP. Either way the turn and the sending of its replies are awaited, not polled.
 */
export type FamilyPath = 'turn' | 'webhook';

/** A parent texting the bot, as SMS or WhatsApp: through the signed webhook, or straight to its turn. */
export class TestFamily {
  readonly address: string;

  constructor(
    private readonly t: TestService,
    readonly channel: 'sms' | 'whatsapp' = 'sms',
    private readonly path: FamilyPath = 'turn',
  ) {
    const phone = `+1438555${String(next++).padStart(4, '0')}`;
    this.address = channel === 'whatsapp' ? `whatsapp:${phone}` : phone;
  }

  /** Sends a message; returns the replies of its turn once they are all sent. */
  async say(body: string, extra?: Record<string, string>): Promise<string[]> {
    const before = this.t.twilio.to(this.address).length;
    await deliverInbound(this.t, inboundForm({ from: this.address, body, extra }), this.path);
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

  /** A matcher for a text whose variables ({{when}}…) vary: they match anything. Several keys: their lines in one message. */
  like(language: Language, key: string | string[]): string {
    const marker = '§§§';
    const vars = { when: marker, time: marker, day: marker, list: marker, details: marker, count: marker };
    const text = (Array.isArray(key) ? key : [key]).map((each) => this.text(language, each, vars)).join('\n');
    const pattern = text.split(marker).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?');
    return expect.stringMatching(new RegExp(`^${pattern}$`)) as unknown as string;
  }

  /** A text of the bot as this family receives it (SMS spelled in GSM-7). */
  text(language: Language, key: string, vars: Record<string, unknown> = {}): string {
    const text = translate(language, key, vars);
    return this.channel === 'sms' ? toGsm7(text) : text;
  }
}

/**
 * A new family that asked for a camp in `words.camp` (a message that gives the child's age and
 * the neighbourhood) and agreed to the notice with `words.yes`: the list of programs is waiting.
 */
export async function familyAtList(t: TestService, language: Language, channel: 'sms' | 'whatsapp', words: { camp: string; yes: string }): Promise<TestFamily> {
  const family = new TestFamily(t, channel);
  expect(await family.say(words.camp)).toEqual([family.text(language, 'consent.notice')]);
  expect((await family.say(words.yes))[1]).toMatch(/^1\) /m);
  return family;
}

/**
 * Delivers the form Twilio would post for an inbound message (see `inboundForm`) by `path`, and
 * resolves once its turn is done and every reply still unsent to its sender (`From`) went out to
 * the fake Twilio or failed for good; rejects after 15 s. Needs the processing on the test's
 * thread (`WORKER_THREAD=false`, as `useTestService` sets it).
 */
export async function deliverInbound(t: TestService, form: Record<string, string>, path: FamilyPath = 'turn'): Promise<void> {
  const processor = t.service.processor;
  if (!processor) throw new Error('deliverInbound needs the processing on the test’s thread (WORKER_THREAD=false)');
  const prisma = t.service.db.prisma;
  const sends = new SendsSettled(processor.dispatcher);
  try {
    if (path === 'webhook') {
      const response = await postSigned(t.baseUrl, '/webhooks/twilio/messages', form);
      expect(response.status).toBe(200);
      // The route schedules the turn before its answer leaves: the turn is under way or done.
    } else {
      const stored = await recordInbound(t.service.db, inboundMessageFormSchema.parse(form));
      if (stored.isNew) processor.schedule(stored.contactId);
    }
    await processor.runner.idle();
    const unsent = await prisma.outbox.findMany({ where: { contact: { address: form.From }, status: { in: ['pending', 'sending'] } }, select: { id: true } });
    await sends.of(unsent.map((row) => row.id), `the replies to "${form.Body}"`);
  } finally {
    sends.close();
  }
}

/**
 * Listens to an outbox dispatcher from its creation and resolves `of(ids)` once every one of
 * those outbox rows was sent or failed for good (a retried one is awaited until then).
 */
class SendsSettled {
  private readonly settled = new Set<number>();
  private wanted: { ids: number[]; resolve: () => void } | undefined;
  private readonly listener = (job: OutboxJob) => {
    this.settled.add(job.id);
    if (this.wanted?.ids.every((id) => this.settled.has(id))) this.wanted.resolve();
  };

  constructor(private readonly dispatcher: OutboxDispatcher) {
    dispatcher.on('sent', this.listener);
    dispatcher.on('failed', this.listener);
  }

  async of(ids: number[], what: string, timeoutMs = 15_000): Promise<void> {
    if (ids.every((id) => this.settled.has(id))) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        this.wanted = { ids, resolve };
        timer = setTimeout(() => reject(new Error(`${what} were not sent within ${timeoutMs / 1000} s`)), timeoutMs);
      });
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.dispatcher.off('sent', this.listener);
    this.dispatcher.off('failed', this.listener);
  }
}

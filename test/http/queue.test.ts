import { beforeAll, describe, expect, it } from 'vitest';
import { addWorker } from '../support/addWorker.ts';
import type { HandoffSummary } from '../../src/handoff/handoffTypes.ts';
import { ConsoleClient } from '../support/ConsoleClient.ts';
import { seedHandoffs } from '../support/seedHandoffs.ts';
import { useTestService } from '../support/startTestService.ts';

// A busy day's queue over the API: 300 families of which 150 wait and 150 are with the team.
// The list stops at what a person reads (100 unless asked), filtered by the database, with the
// counts over every open handoff, and the conversations the caller holds always in it.

const t = useTestService();

const NADIA = { email: 'nadia@bienvenue.test', password: 'nadia a une longue phrase', name: 'Nadia', languages: ['fr', 'es'] as ('fr' | 'es')[] };
let nadia: ConsoleClient;

interface Queue {
  handoffs: HandoffSummary[];
  counts: { waiting: number; mine: number; matching: number; offeredIds: string[] };
}

const list = async (query = '') => {
  const { status, body } = await nadia.get<Queue>(`/api/handoffs${query}`);
  expect(status).toBe(200);
  return body;
};

beforeAll(async () => {
  await seedHandoffs(t.service, 300, 150);
  await addWorker(t.service, NADIA);
  nadia = await ConsoleClient.login(t.baseUrl, NADIA);
});

describe('the queue of a busy day', () => {
  it('lists the first 100 in order, and counts every open handoff', async () => {
    const queue = await list();
    expect(queue.handoffs).toHaveLength(100);
    expect(queue.counts).toMatchObject({ waiting: 150, mine: 0, matching: 300 });
    for (let i = 1; i < queue.handoffs.length; i++) {
      const [a, b] = [queue.handoffs[i - 1]!, queue.handoffs[i]!];
      expect(a.priority > b.priority || (a.priority === b.priority && a.requestedAt <= b.requestedAt)).toBe(true);
    }
    // Every row keeps what the page shows.
    expect(queue.handoffs[0]).toMatchObject({ lastMessage: { preview: expect.any(String), at: expect.any(String) }, awaitingReplySince: expect.any(String), unreadCount: 0 });
    // The waiting families offered to Nadia, beyond the rows listed: the page sounds for a new one.
    const offered = await t.service.db.prisma.handoff.count({ where: { status: 'waiting', OR: [{ priority: { gte: 2 } }, { contact: { language: { in: ['fr', 'es'] } } }] } });
    expect(queue.counts.offeredIds.length).toBeGreaterThanOrEqual(offered);
    expect((await list('?limit=5')).handoffs.map((item) => item.id)).toEqual(queue.handoffs.slice(0, 5).map((item) => item.id));
  });

  it('filters by the digits of a phone number, language, urgency and who holds it', async () => {
    const byPhone = await list('?phone=' + encodeURIComponent('(514) 000-0042'));
    expect(byPhone.handoffs.map((item) => item.contact.phone)).toEqual(['+15140000042']);
    expect(byPhone.counts.matching).toBe(1);

    const urgentSpanish = await list('?language=es&urgent=true');
    const expected = await t.service.db.prisma.handoff.count({ where: { status: { not: 'resolved' }, priority: { gte: 2 }, contact: { language: 'es' } } });
    expect(urgentSpanish.handoffs).toHaveLength(expected);
    expect(urgentSpanish.counts.matching).toBe(expected);
    for (const item of urgentSpanish.handoffs) expect(item).toMatchObject({ priority: 2, contact: { language: 'es' } });

    expect((await list('?assignee=mine')).handoffs).toEqual([]);
    expect((await list('?assignee=unassigned')).counts.matching).toBe(300);
  });

  it('always lists the conversations the worker holds, wherever they fall', async () => {
    const waiting = await list('?status=waiting&limit=1000');
    const last = waiting.handoffs.at(-1)!;
    expect((await nadia.claim(last.id)).body.handoff).toMatchObject({ status: 'active' });
    const queue = await list();
    expect(queue.counts).toMatchObject({ waiting: 149, mine: 1 });
    expect(queue.handoffs.map((item) => item.id)).toContain(last.id);
    expect((await list('?assignee=mine')).handoffs.map((item) => item.id)).toEqual([last.id]);
  });

  it('answers 400 to a filter it cannot read', async () => {
    for (const query of ['?limit=0', '?limit=5000', '?language=de', '?assignee=everyone', '?status=closed']) {
      expect((await nadia.get(`/api/handoffs${query}`)).status, query).toBe(400);
    }
  });
});

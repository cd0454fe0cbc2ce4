import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/Database.ts';
import { TurnStorage } from '../../src/turn/TurnStorage.ts';
import { loadTurn } from '../../src/bot/loadTurn.ts';
import { commitTurn } from '../../src/bot/commitTurn.ts';
import { recordInbound } from '../../src/channels/twilio/recordInbound.ts';
import { useTestDatabase } from '../support/testDatabase.ts';
import { messageSid } from '../support/signedWebhook.ts';

let db: Database;

useTestDatabase((opened) => {
  db = opened;
});

let n = 0;
/** A stored inbound message and the turn that handles it. */
async function turn(from = `+1819556${String(n++).padStart(4, '0')}`) {
  const stored = await recordInbound(db, { messageSid: messageSid(), accountSid: 'AC' + '0'.repeat(32), from, to: '+15145550100', body: 'bonjour', channel: 'sms', optOutType: null, messageType: null, location: null, buttonPayload: null, media: [] });
  return { ...(await loadTurn(db.prisma, stored.contactId))!, from };
}

describe('TurnStorage (botbuilder Storage of a turn)', () => {
  it('omits missing keys on read and returns written items with an eTag', async () => {
    const storage = new TurnStorage();
    const { unit } = await turn();
    expect(await storage.holding('missing', unit, () => storage.read(['missing']))).toEqual({});
    const items = await storage.holding('a', unit, async () => {
      await storage.write({ a: { step: 1 } });
      return storage.read(['a']);
    });
    expect(Object.keys(items)).toEqual(['a']);
    expect(items.a).toMatchObject({ step: 1, eTag: expect.any(String) });
  });

  it('writes with the current eTag, rejects a stale one, and lets "*" overwrite', async () => {
    const storage = new TurnStorage();
    const { unit } = await turn();
    await storage.holding('b', unit, async () => {
      await storage.write({ b: { n: 1 } });
      const first = (await storage.read(['b'])).b as { n: number; eTag: string };
      await storage.write({ b: { ...first, n: 2 } });
      await expect(storage.write({ b: { ...first, n: 3 } })).rejects.toThrow(/eTag conflict/);
      expect((await storage.read(['b'])).b).toMatchObject({ n: 2 });
      await storage.write({ b: { n: 4, eTag: '*' } });
      expect((await storage.read(['b'])).b).toMatchObject({ n: 4 });
    });
  });

  it('deletes', async () => {
    const storage = new TurnStorage();
    const { unit } = await turn();
    await storage.holding('c', unit, async () => {
      await storage.write({ c: { x: true } });
      await storage.delete(['c']);
      expect(await storage.read(['c'])).toEqual({});
    });
  });

  it('refuses a key no turn holds, rather than writing it anywhere else', async () => {
    const storage = new TurnStorage();
    const { unit } = await turn();
    await storage.holding('mine', unit, async () => {
      await expect(storage.write({ other: { x: true } })).rejects.toThrow(/no turn holds "other"/);
    });
    await expect(storage.read(['mine'])).rejects.toThrow(/no turn holds "mine"/);
    expect(unit.stateWrites.size).toBe(0);
  });

  it('writes only with the turn’s commit, and the next turn (on any instance) reads them', async () => {
    const storage = new TurnStorage();
    const first = await turn();
    const key = `sms/conversations/${first.from}/`;
    await storage.holding(key, first.unit, () => storage.write({ [key]: { dialogStack: [{ id: 'language_menu' }] } }));
    expect(await db.prisma.dialogState.count({ where: { key } })).toBe(0);
    expect((await commitTurn(db.prisma, first.unit, first.message.createdAt)).committed).toBe(true);

    const next = await turn(first.from);
    const second = new TurnStorage();
    expect((await second.holding(key, next.unit, () => second.read([key])))[key]).toMatchObject({ dialogStack: [{ id: 'language_menu' }] });
  });
});

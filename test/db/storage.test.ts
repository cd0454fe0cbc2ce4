import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/Database.ts';
import { PrismaStorage } from '../../src/bot/PrismaStorage.ts';
import { useTestDatabase } from '../support/testDatabase.ts';

let db: Database;

useTestDatabase((opened) => {
  db = opened;
});

describe('PrismaStorage (botbuilder Storage)', () => {
  it('omits missing keys on read and returns stored items with an eTag', async () => {
    const storage = new PrismaStorage(db);
    await storage.write({ a: { step: 1 } });
    const items = await storage.read(['a', 'missing']);
    expect(Object.keys(items)).toEqual(['a']);
    expect(items.a).toMatchObject({ step: 1, eTag: expect.any(String) });
  });

  it('writes with the current eTag, rejects a stale one, and lets "*" overwrite', async () => {
    const storage = new PrismaStorage(db);
    await storage.write({ b: { n: 1 } });
    const first = (await storage.read(['b'])).b as { n: number; eTag: string };
    await storage.write({ b: { ...first, n: 2 } });
    await expect(storage.write({ b: { ...first, n: 3 } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['b'])).b).toMatchObject({ n: 2 });
    await storage.write({ b: { n: 4, eTag: '*' } });
    expect((await storage.read(['b'])).b).toMatchObject({ n: 4 });
  });

  it('deletes', async () => {
    const storage = new PrismaStorage(db);
    await storage.write({ c: { x: true } });
    await storage.delete(['c']);
    expect(await storage.read(['c'])).toEqual({});
  });

  it('is shared by two storages on one database (a restart or a second instance)', async () => {
    await new PrismaStorage(db).write({ d: { dialogStack: [{ id: 'language_menu' }] } });
    expect((await new PrismaStorage(db).read(['d'])).d).toMatchObject({ dialogStack: [{ id: 'language_menu' }] });
  });

  it('writes inside the enclosing transaction, which a failure rolls back', async () => {
    const storage = new PrismaStorage(db);
    await expect(
      db.transaction(async () => {
        await storage.write({ e: { inside: true } });
        throw new Error('turn failed');
      }),
    ).rejects.toThrow('turn failed');
    expect(await storage.read(['e'])).toEqual({});
  });
});

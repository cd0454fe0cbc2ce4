import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Database } from '../db/Database.ts';
import { TurnUnit } from './TurnUnit.ts';

/**
 * Botbuilder `Storage` over the database, so dialog state survives restarts and moves between
 * instances. Semantics follow botbuilder's MemoryStorage: a read omits missing keys; a write
 * with a stale eTag is rejected; `*` (or no eTag) overwrites. Inside a turn it reads the state
 * loaded with the message and leaves its writes to the turn's commit, so state and replies land
 * together (the commit checks the eTags again).
 */
export class PrismaStorage implements Storage {
  constructor(private readonly db: Database) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const unit = TurnUnit.current();
    if (unit) return readInTurn(unit, keys);
    const rows = await this.db.client().dialogState.findMany({ where: { key: { in: keys } } });
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...(row.data as object), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const unit = TurnUnit.current();
    if (unit) return writeInTurn(unit, changes);
    const client = this.db.client();
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
      const newTag = randomUUID();
      if (!eTag || eTag === '*') {
        await client.dialogState.upsert({
          where: { key },
          create: { key, data: data as object, etag: newTag },
          update: { data: data as object, etag: newTag },
        });
        continue;
      }
      const updated = await client.dialogState.updateMany({ where: { key, etag: eTag }, data: { data: data as object, etag: newTag } });
      if (updated.count === 1) continue;
      const exists = await client.dialogState.findUnique({ where: { key }, select: { key: true } });
      if (exists) throw new StaleETagError(key);
      // An eTag for an item that no longer exists: like MemoryStorage, create it.
      await client.dialogState.create({ data: { key, data: data as object, etag: newTag } });
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const unit = TurnUnit.current();
    if (unit) {
      for (const key of keys) {
        unit.stateWrites.delete(key);
        unit.stateDeletes.add(key);
      }
      return;
    }
    await this.db.client().dialogState.deleteMany({ where: { key: { in: keys } } });
  }
}

/** Another turn changed the item since it was read. */
export class StaleETagError extends Error {
  override name = 'StaleETagError';
  constructor(readonly key: string) {
    super(`Storage: eTag conflict writing "${key}"`);
  }
}

// Within a turn the family's state was loaded with the message (rows carry the contact's id).
function readInTurn(unit: TurnUnit, keys: string[]): StoreItems {
  const items: StoreItems = {};
  for (const key of keys) {
    if (unit.stateDeletes.has(key)) continue;
    const written = unit.stateWrites.get(key);
    const loaded = unit.state.get(key);
    if (written) items[key] = { ...jsonCopy(written.data), eTag: written.newETag };
    else if (loaded) items[key] = { ...jsonCopy(loaded.data), eTag: loaded.etag };
  }
  return items;
}

function writeInTurn(unit: TurnUnit, changes: StoreItems): void {
  for (const [key, item] of Object.entries(changes)) {
    const { eTag, ...data } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
    const current = unit.stateWrites.get(key)?.newETag ?? unit.state.get(key)?.etag;
    if (eTag && eTag !== '*' && current !== undefined && eTag !== current) throw new StaleETagError(key);
    // The eTag the commit checks is the one loaded from the database, not one made in this turn.
    const expectedETag = eTag && eTag !== '*' ? unit.state.get(key)?.etag : undefined;
    unit.stateDeletes.delete(key);
    unit.stateWrites.set(key, { key, data: jsonCopy(data), expectedETag, newETag: randomUUID() });
  }
}

/** A deep copy as the database will store it (JSON): faster than structuredClone for dialog state. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

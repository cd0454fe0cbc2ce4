import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Database } from '../db/Database.ts';

/**
 * Botbuilder `Storage` over the database, so dialog state survives restarts and moves between
 * instances. Semantics follow botbuilder's MemoryStorage: a read omits missing keys; a write
 * with a stale eTag is rejected; `*` (or no eTag) overwrites. Inside a turn it writes through
 * the turn's transaction, so state and replies commit together.
 */
export class PrismaStorage implements Storage {
  constructor(private readonly db: Database) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.db.client().dialogState.findMany({ where: { key: { in: keys } } });
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...(row.data as object), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
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

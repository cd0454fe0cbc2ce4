import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { TurnUnit } from './TurnUnit.ts';

/**
 * Botbuilder `Storage` for dialog state, answered from the turn that holds each key. A turn's
 * state was loaded with its message (`loadTurn`) and its writes land with the turn's commit
 * (`commitTurn`, which checks the eTags again), so state and replies land together, survive
 * restarts and move between instances. Botbuilder's `Storage` calls carry no turn, so the bot
 * says which turn holds which key (`holding`); a key no turn holds is an error, never a write
 * elsewhere. Semantics follow botbuilder's MemoryStorage: a read omits missing keys; a write
 * with a stale eTag is rejected; `*` (or no eTag) overwrites.
 */
export class TurnStorage implements Storage {
  private readonly turns = new Map<string, TurnUnit>();

  /** Runs `work` with the dialog state stored under `key` read from and written to `unit`. */
  async holding<T>(key: string, unit: TurnUnit, work: () => Promise<T>): Promise<T> {
    if (this.turns.has(key)) throw new Error(`Storage: two turns at once for "${key}"`);
    this.turns.set(key, unit);
    try {
      return await work();
    } finally {
      this.turns.delete(key);
    }
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const unit = this.turnFor(key);
      if (unit.stateDeletes.has(key)) continue;
      const written = unit.stateWrites.get(key);
      const loaded = unit.state.get(key);
      // Parsed afresh: what the dialogs change is theirs until they write it back.
      if (written) items[key] = { ...(JSON.parse(written.json) as object), eTag: written.newETag };
      else if (loaded) items[key] = { ...(JSON.parse(loaded.json) as object), eTag: loaded.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const unit = this.turnFor(key);
      const { eTag, ...data } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
      const current = unit.stateWrites.get(key)?.newETag ?? unit.state.get(key)?.etag;
      if (eTag && eTag !== '*' && current !== undefined && eTag !== current) throw new StaleETagError(key);
      // The eTag the commit checks is the one loaded from the database, not one made in this turn.
      const expectedETag = eTag && eTag !== '*' ? unit.state.get(key)?.etag : undefined;
      unit.stateDeletes.delete(key);
      // Serialized now, once: the commit stores this text and the family's next turn parses it.
      unit.stateWrites.set(key, { key, json: JSON.stringify(data), expectedETag, newETag: randomUUID() });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      const unit = this.turnFor(key);
      unit.stateWrites.delete(key);
      unit.stateDeletes.add(key);
    }
  }

  private turnFor(key: string): TurnUnit {
    const unit = this.turns.get(key);
    if (!unit) throw new Error(`Storage: no turn holds "${key}" (dialog state is read and written only within a turn)`);
    return unit;
  }
}

/** Another turn changed the item since it was read. */
export class StaleETagError extends Error {
  override name = 'StaleETagError';
  constructor(readonly key: string) {
    super(`Storage: eTag conflict writing "${key}"`);
  }
}

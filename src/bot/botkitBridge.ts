import { Botkit, type BotkitConfiguration, type BotWorker } from 'botkit';
// Botkit's own storage-key function, so the key a turn holds is the one Botkit reads.
import { BotkitConversationState } from 'botkit/lib/conversationState.js';
import type { TurnContext } from 'botbuilder';
import { TurnStorage } from './TurnStorage.ts';
import { turnOf, type TurnUnit } from './TurnUnit.ts';

/**
 * The Botkit controller the app runs: dialog state comes from, and goes to, the turn the
 * context carries (`attachTurn`), through a `TurnStorage` that holds the turn's key while
 * Botkit handles it.
 */
export class TurnBot extends Botkit {
  private readonly turnStorage: TurnStorage;
  private readonly keys: BotkitConversationState;

  constructor(config: Omit<BotkitConfiguration, 'storage'>) {
    const storage = new TurnStorage();
    super({ ...config, storage });
    this.turnStorage = storage;
    this.keys = new BotkitConversationState(storage);
  }

  override async handleTurn(context: TurnContext): Promise<void> {
    const key = this.keys.getStorageKey(context);
    if (!key) throw new Error('a turn without a conversation');
    await this.turnStorage.holding(key, turnOf(context), () => super.handleTurn(context));
  }
}

/** The unit of the turn a Botkit handler runs in (see `turnOf`). */
export function turnOfBot(bot: BotWorker): TurnUnit {
  return turnOf(bot.getConfig('context') as TurnContext | undefined);
}

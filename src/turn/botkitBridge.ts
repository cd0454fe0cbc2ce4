import { Botkit, type BotkitConfiguration, type BotWorker } from 'botkit';
// Botkit's own storage-key function, so the key a turn holds is the one Botkit reads.
import { BotkitConversationState } from 'botkit/lib/conversationState.js';
import type { Activity, Storage, TurnContext } from 'botbuilder';
import type { DialogContext, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { isTranslationKey, translate } from '../i18n.ts';
import { familyLanguage, type FamilyMessage } from './family.ts';
import { TurnStorage } from './TurnStorage.ts';
import { turnOf, type TurnUnit } from './TurnUnit.ts';

// The one module that knows Botkit's internals: its storage key, the dialog stack and where a
// worker keeps its context. Everything else in the bot talks to Botkit through what is exported here.

/**
 * The Botkit controller the app runs: dialog state comes from, and goes to, the turn the
 * context carries (`attachTurn`), through a `TurnStorage` that holds the turn's key while
 * Botkit handles it.
 */
export class TurnBot extends Botkit {
  private readonly turnStorage: TurnStorage;
  private readonly keys: BotkitConversationState;
  /** The memory scopes the first turn's dialog contexts built (see `handleTurn`). */
  private dialogMemory: DialogStateManagerConfiguration | undefined;

  constructor(config: Omit<BotkitConfiguration, 'storage'>) {
    const storage = new TurnStorage();
    super({ ...config, storage });
    this.turnStorage = storage;
    this.keys = new BotkitConversationState(storage);
    checkChangesByText((this as unknown as { conversationState: BotStateInternals }).conversationState);
  }

  override async handleTurn(context: TurnContext): Promise<void> {
    const key = this.keys.getStorageKey(context);
    if (!key) throw new Error('a turn without a conversation');
    // Every DialogContext builds its memory scopes anew (a service collection of stateless scope
    // objects, about 3 % of a turn's CPU) unless its turn already holds them: each turn reuses the first's.
    const shared = this.dialogMemory;
    if (shared) context.turnState.set(DIALOG_MEMORY, shared);
    await this.turnStorage.holding(key, turnOf(context), () => super.handleTurn(context));
    if (!shared && !context.turnState.has('memoryScopes') && !context.turnState.has('pathResolvers')) {
      this.dialogMemory = context.turnState.get<DialogStateManagerConfiguration | undefined>(DIALOG_MEMORY);
    }
  }
}

/** What `checkChangesByText` replaces of botbuilder's BotState, and the private fields it reads. */
interface BotStateInternals {
  storage: Storage;
  stateKey: symbol;
  storageKey: (context: TurnContext) => string | Promise<string>;
  load(context: TurnContext, force?: boolean): Promise<Record<string, unknown>>;
  saveChanges(context: TurnContext, force?: boolean): Promise<void>;
}

/**
 * Botbuilder's BotState tells whether a turn changed its state by hashing it (its own stringify,
 * then SHA-256) when it loads it, when it saves it, and again after writing it: 5.7 µs each for the
 * burst's 1 KB of dialog state (a loop of 50,000 on this machine), three times a turn. Its `load` and
 * `saveChanges` do the same here (botbuilder-core 4.23's `botState.js`, step for step) with the state's
 * JSON text as the "hash": JSON.stringify is what `TurnStorage` stores, and took 1.9 µs.
 */
function checkChangesByText(state: BotStateInternals): void {
  const text = ({ eTag: _eTag, ...rest }: Record<string, unknown>) => JSON.stringify(rest);
  type Cached = { state: Record<string, unknown>; hash: string };
  state.load = async (context, force = false) => {
    const cached = context.turnState.get<Cached | undefined>(state.stateKey);
    if (!force && cached?.state) return cached.state;
    const key = await state.storageKey(context);
    const loaded = ((await state.storage.read([key]))[key] ?? {}) as Record<string, unknown>;
    context.turnState.set(state.stateKey, { state: loaded, hash: text(loaded) } satisfies Cached);
    return loaded;
  };
  state.saveChanges = async (context, force = false) => {
    let cached = context.turnState.get<Cached | undefined>(state.stateKey);
    if (!force && (!cached || cached.hash === text(cached.state))) return;
    const key = await state.storageKey(context);
    cached ??= { state: {}, hash: '' };
    cached.state.eTag = '*';
    await state.storage.write({ [key]: cached.state });
    cached.hash = text(cached.state);
    context.turnState.set(state.stateKey, cached);
  };
}

// Where botbuilder-dialogs' DialogStateManager caches its configuration for the rest of a turn.
const DIALOG_MEMORY = 'DialogStateManagerConfiguration';

/** The unit of the turn a Botkit handler runs in (see `turnOf`). */
export function turnOfBot(bot: BotWorker): TurnUnit {
  return turnOf(bot.getConfig('context') as TurnContext | undefined);
}

/** The dialog context of the turn (Botkit keeps it on the worker's config). */
function dialogOf(bot: BotWorker): DialogContext | undefined {
  return bot.getConfig('dialogContext') as DialogContext | undefined;
}

/** Whether a flow is under way (a question waits for its answer). */
export function inDialog(bot: BotWorker): boolean {
  return Boolean(dialogOf(bot)?.activeDialog);
}

/**
 * Send middleware: renders a reply's i18n key in the family's language with the flow's variables
 * ({{list}}, {{details}}…) read from the active dialog's state, and the prefixes a question takes
 * after something that was not an answer ("sorry", "noted", a key in `_before`). A question keeps
 * its key beside it in the dialog's state, so that asking it again renders it afresh.
 */
export function renderReply(bot: BotWorker, activity: Partial<Activity>, next: (err?: Error) => void): void {
  try {
    const context = bot.getConfig('context') as TurnContext | undefined;
    const language = familyLanguage((context?.activity.channelData as FamilyMessage | undefined)?.contact);
    const channelData = (activity.channelData ?? {}) as { vars?: Record<string, unknown>; question?: boolean; key?: string; again?: string };
    const dialogVars = ((dialogOf(bot)?.activeDialog?.state as { values?: Record<string, unknown> } | undefined)?.values ?? {}) as Record<string, unknown>;
    if (activity.text && isTranslationKey(activity.text) && channelData.question) channelData.key = activity.text;
    const vars = { ...dialogVars, ...channelData.vars };
    // A question asked again after something that was not an answer takes its short form, when it has one.
    const again = channelData.question && vars._again === true ? channelData.again : undefined;
    const key = again ?? (channelData.question && channelData.key ? channelData.key : activity.text);
    if (key && isTranslationKey(key)) {
      let text = translate(language, key, vars);
      if (channelData.question && vars._sorry === true) text = `${translate(language, 'fallback.sorry')}\n${text}`;
      else if (channelData.question && vars._noted === true) text = `${translate(language, 'profile.noted')}\n${text}`;
      else if (channelData.question && typeof vars._before === 'string' && isTranslationKey(vars._before)) text = `${translate(language, vars._before, vars)}\n${text}`;
      activity.text = text;
    }
    // The adapter's OutboundComposer fits the text to the channel (GSM-7 by SMS), as for every outbound message.
    next();
  } catch (error) {
    next(error as Error);
  }
}

/**
 * Asks the question waiting again (after a language change), rendered afresh in the family's
 * language with the flow's variables ({{list}}…). Botkit's prompt is on top of the stack and keeps
 * the question as it was sent, its key beside it; the flow that asked it sits below with its values.
 * "Sorry" and "noted" are not said again. `brief`: the question's short form (`again:` in its flow),
 * when it has one; `before`: an i18n key said first, in the same message. False when no question waits.
 */
export async function askAgain(bot: BotWorker, options: { brief?: boolean; before?: string } = {}): Promise<boolean> {
  const dialog = dialogOf(bot);
  if (!dialog?.activeDialog) return false;
  const stack = dialog.stack;
  const prompt = (stack.at(-1)?.state as { options?: { prompt?: Partial<Activity> } } | undefined)?.options?.prompt;
  const { key, again } = (prompt?.channelData ?? {}) as { key?: string; again?: string };
  const values = [...stack].reverse().map((entry) => (entry.state as { values?: Record<string, unknown> }).values).find(Boolean);
  if (!key) return false;
  if (values) Object.assign(values, { _sorry: false, _noted: false, _again: false, _before: undefined });
  const vars = { ...values, _again: options.brief === true, _before: options.before };
  await bot.say({ text: key, channelData: { question: true, key, again, vars } });
  return true;
}

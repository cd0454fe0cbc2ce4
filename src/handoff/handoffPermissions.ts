import type { HandoffErrorCode } from './HandoffError.ts';
import type { HandoffAction, HandoffStatus } from './handoffTypes.ts';

/** Who holds the conversation now (or last held it, once resolved). */
export interface HandoffHold {
  status: HandoffStatus;
  claimedBy: string | null;
}

/** The worker asking: their id and role. */
export interface HandoffActor {
  id: string;
  role: 'worker' | 'admin';
}

/**
 * Why `worker` may not do `action` on a conversation in this state, or undefined when they may.
 * The rules: a waiting conversation may be claimed by anyone and resolved by anyone (answered
 * another way); an active one is written to by its holder only, resolved by its holder or an
 * admin, and taken over (`claim` with `takeOver`) by an admin only; a resolved one is read-only,
 * but its data may be erased by whoever last held it or an admin. Claiming one's own is allowed
 * (it changes nothing). Only what the conversation's holding decides: the family's opt-out and
 * WhatsApp's 24-hour window are checked where a message is written.
 */
export function refusal(action: HandoffAction, hold: HandoffHold, worker: HandoffActor, options: { takeOver?: boolean } = {}): HandoffErrorCode | undefined {
  const mine = hold.claimedBy === worker.id;
  const admin = worker.role === 'admin';
  switch (action) {
    case 'claim':
      if (hold.status === 'resolved') return 'resolved';
      if (hold.status === 'active' && !mine && !options.takeOver) return 'claimed_by_someone_else';
      if (hold.status === 'active' && !mine && !admin) return 'admin_only';
      return undefined;
    case 'reply':
      if (hold.status === 'resolved') return 'resolved';
      if (hold.status === 'waiting') return 'claim_first';
      return mine ? undefined : 'claimed_by_someone_else';
    case 'resolve':
      if (hold.status === 'resolved') return 'resolved';
      return hold.status === 'active' && !mine && !admin ? 'claimed_by_someone_else' : undefined;
    case 'erase':
      if (admin || mine) return undefined;
      if (hold.status === 'waiting') return 'claim_first';
      return hold.status === 'active' ? 'claimed_by_someone_else' : 'holder_or_admin_only';
  }
}

/**
 * What the console may offer this worker on this conversation: `claim` is true where claiming
 * would change something (a waiting conversation, or an admin taking over a colleague's).
 */
export function allowedActions(hold: HandoffHold, worker: HandoffActor): Record<HandoffAction, boolean> {
  const heldByMe = hold.status === 'active' && hold.claimedBy === worker.id;
  return {
    claim: !heldByMe && refusal('claim', hold, worker, { takeOver: true }) === undefined,
    reply: refusal('reply', hold, worker) === undefined,
    resolve: refusal('resolve', hold, worker) === undefined,
    erase: refusal('erase', hold, worker) === undefined,
  };
}

/** The sentence that goes with a refusal (the console shows its own, translated, from the code). */
export function refusalMessage(action: HandoffAction, code: Exclude<HandoffErrorCode, 'claimed_by_someone_else'>): string {
  switch (code) {
    case 'resolved':
      return 'this conversation is already back with the bot';
    case 'claim_first':
      return action === 'erase' ? 'claim the conversation before erasing the family’s data' : 'claim the conversation before writing to the family';
    case 'admin_only':
      return 'only an admin can take over a conversation another worker holds';
    case 'holder_or_admin_only':
      return 'only the worker who held this conversation, or an admin, can erase the family’s data';
    default:
      return code.replace(/_/g, ' ');
  }
}

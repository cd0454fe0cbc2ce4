/** The PostgreSQL NOTIFY channel of handoff changes (here, below every writer: turns, the desk, erasure): a request, a family's message, a claim, a reply, a resolution. */
export const HANDOFF_CHANNEL = 'bienvenue_handoffs';

/** What a notification on HANDOFF_CHANNEL carries (JSON). A family's erasure announces its handoffs, now gone, as `resolved`. */
export interface HandoffNotice {
  handoffId: string;
  type: 'requested' | 'message' | 'claimed' | 'reply' | 'note' | 'resolved';
}

/** Why a console action on a handoff cannot be done; src/http/HttpError.ts maps each to its HTTP status. */
export type HandoffErrorCode =
  | 'not_found'
  | 'resolved'
  | 'claimed_by_someone_else'
  | 'claim_first'
  | 'whatsapp_window_closed'
  | 'opted_out'
  | 'no_template'
  /** Only the worker who held the conversation, or an admin. */
  | 'holder_or_admin_only'
  /** Only an admin may do it, e.g. take over a colleague's conversation. */
  | 'admin_only';

/** A console action refused for what the handoff or the family is in, not for a bug. */
export class HandoffError extends Error {
  override name = 'HandoffError';

  constructor(
    readonly code: HandoffErrorCode,
    message: string,
    /** Shown to the console beside the code, e.g. who holds the conversation. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

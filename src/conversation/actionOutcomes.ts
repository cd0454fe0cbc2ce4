/**
 * The bot's actions a flow may call with `do:`, and the outcomes each may lead to (a flow's
 * `on:` maps them to threads). The code of each action is in `actions.ts`.
 */
export const ACTION_OUTCOMES = {
  /** Records the family's yes or no to the notice (`with: {given: true|false}`), with its time. */
  record_consent: [],
  /** Which notice: the first contact's, or the one for a family a person of the team has talked with (`returning`). */
  consent_notice: ['first_contact', 'returning'],
  /** Goes on with the question the family first wrote (its need's flow), or shows the main menu. */
  continue: [],
  /** After a language is chosen: on to the consent notice at first contact, else wait for the question. */
  after_language: ['first_contact', 'done'],
  /** What the search still needs to know and the family has not said yet. */
  next_question: ['child_age', 'due_date', 'place', 'ready'],
  /** Looks for programs for the flow's need and the family's profile: found, only nearby alternatives, or nothing. */
  search: ['found', 'nearby', 'none'],
  /** The next three programs (none: the family has seen them all). */
  next_page: ['found', 'nearby', 'none'],
  /** The details of the program the family picked, and the referral recorded. */
  show_details: [],
  /** "Was this useful?" (`with: {useful: true|false}`). */
  record_feedback: [],
  /** Asks the team for a person to write to the family (`with: {reason, priority}`; the reason defaults to the one the flow was started with). */
  request_person: [],
  /** Records a need the directory does not cover (`unmet_need` event: which, the neighbourhood, language, channel) and names it for the offer. */
  record_unmet_need: [],
  /** Erases everything about the family except its opt-out record. */
  erase_data: [],
} as const satisfies Record<string, readonly string[]>;

export type ActionName = keyof typeof ACTION_OUTCOMES;

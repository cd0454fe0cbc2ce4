import { NEEDS } from '../domain/needs.ts';

/**
 * The flows the bot's code starts by name (first contact, interrupts, jumps made in code), each
 * `flows/<id>.yaml`. The code and the flows check (`npm run flows:check`) read the same table, so
 * a flow renamed in one place is reported, not silently never started.
 */
export const FLOW = {
  language: 'language',
  welcome: 'welcome',
  menu: 'menu',
  person: 'person',
  personOffer: 'person_offer',
  deleteData: 'delete_data',
  unlistedNeed: 'unlisted_need',
} as const;

export type FlowId = (typeof FLOW)[keyof typeof FLOW];

/** Flows the bot's code starts (the table above and one per need): reachable without a jump. */
export const ENTRY_FLOWS: readonly string[] = [...Object.values(FLOW), ...NEEDS];

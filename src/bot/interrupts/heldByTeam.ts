import { turnOf } from '../TurnUnit.ts';
import type { Interrupt } from './Interrupt.ts';

/** A person of the team has the conversation (or will soon): the bot stays quiet, the console shows the message. */
export const heldByTeam: Interrupt = {
  name: 'held_by_team',
  matches: (message) => Boolean(turnOf(message.context).openHandoff),
  async handle() {},
};

import { Prisma } from '../../generated/prisma/client.ts';
import { describeAnswerTime } from '../../handoff/describeAnswerTime.ts';
import { turnOfBot } from '../../turn/botkitBridge.ts';
import { familyLanguage } from '../../turn/family.ts';
import { turnOf } from '../../turn/TurnUnit.ts';
import type { Interrupt } from './Interrupt.ts';

/**
 * How long a family waiting for the team goes without hearing from us before its next message is
 * answered with a reminder (the request's own confirmation counts as one), in seconds.
 */
export const WAITING_REMINDER_SECONDS = 10 * 60;

/**
 * A person of the team has the conversation (or will soon): the bot stays quiet, the console shows
 * the message. While nobody has taken it yet (`waiting`), a family that writes again is told, at most
 * once every WAITING_REMINDER_SECONDS, that its message reached the team and when a person will
 * write, with 911 for danger: not silence for hours (MENU, just before, takes it back to the bot:
 * `menuWhileWaiting`). Once a worker has it (`active`), only the worker answers. An urgent request
 * the family left for the bot's menu does not hold it: the bot answers until a worker claims it.
 */
export const heldByTeam: Interrupt = {
  name: 'held_by_team',
  matches: (message) => {
    const handoff = turnOf(message.context).openHandoff;
    return handoff !== null && !handoff.botAnswers;
  },
  async handle(bot, message, { runtime }) {
    const turn = turnOfBot(bot);
    const handoff = turn.openHandoff;
    if (handoff?.status !== 'waiting') return;
    // A reminder an earlier message of this family got in the same commit (not in the database yet).
    if (turn.eventsBefore.some((event) => event.type === 'handoff_reminder')) return;
    // Through `db.sql` (the pool itself on PostgreSQL), as every statement of a turn.
    const [row] = await runtime.db.sql.$queryRaw<{ due: boolean }[]>(Prisma.sql`
      SELECT greatest(h.requested_at,
          (SELECT max(e.created_at) FROM contact_events e WHERE e.contact_id = h.contact_id AND e.type = 'handoff_reminder'))
        < ${runtime.now()}::timestamptz - make_interval(secs => ${WAITING_REMINDER_SECONDS}) AS due
      FROM handoffs h WHERE h.id = ${handoff.id}::uuid AND h.status = 'waiting'`);
    if (row?.due !== true) return;
    const when = describeAnswerTime(runtime.officeHours, runtime.now(), familyLanguage(message.contact));
    await bot.say({ text: 'person.still_waiting', channelData: { vars: { when } } });
    turn.recordEvent({ type: 'handoff_reminder', data: { handoffId: handoff.id } });
  },
};

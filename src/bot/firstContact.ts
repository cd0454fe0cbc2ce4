import type { BotWorker } from 'botkit';
import { confidentLanguage } from '../conversation/expectations.ts';
import { rememberProfile } from '../conversation/actions.ts';
import { FLOW } from '../conversation/flowIds.ts';
import { readSmalltalk } from '../conversation/smalltalk.ts';
import { turnOfBot } from '../turn/botkitBridge.ts';
import { adoptDetectedLanguage } from './detectedLanguage.ts';
import type { FamilyMessage } from '../turn/family.ts';
import { languageChoice } from '../conversation/languageChoice.ts';
import { messageKind } from '../turn/messageKind.ts';
import { pendingOf } from './pendingQuestion.ts';

/**
 * A message no interrupt took and no flow was waiting for: the family's language first (the
 * four-language menu when nothing tells it), then the notice, then its need, or the menu.
 */
export async function firstContact(bot: BotWorker, message: FamilyMessage): Promise<void> {
  const contact = message.contact;
  const turn = turnOfBot(bot);
  if (!contact.languageConfirmed) {
    const picked = languageChoice(message.text ?? '') ?? confidentLanguage(message.nlu);
    if (!picked) return void (await bot.beginDialog(FLOW.language, pendingOf(message)));
    turn.updateContact({ language: picked, languageConfirmed: true });
  } else {
    adoptDetectedLanguage(turn, message);
  }
  const pending = pendingOf(message);
  if (messageKind(message) === 'location') {
    // A location with nothing asked: thanks (and where it is), then the notice or the menu; the place is kept.
    const profile = pending.pending.profile ?? {};
    const place = profile.neighbourhood;
    const said = { _before: place ? 'location.thanks' : 'location.unplaced', place };
    if (!contact.consentAt) return void (await bot.beginDialog(FLOW.welcome, { ...pending, ...said }));
    rememberProfile(turn, profile);
    return void (await bot.beginDialog(FLOW.menu, { profile, ...said }));
  }
  if (!contact.consentAt) {
    // Back from a person of the team: a thank-you or a goodbye (to the worker, most often) gets its
    // short answer, which keeps nothing; anything else, the notice (welcome.yaml words it for them).
    if (turn.talkedWithTeam && (await answerSmalltalk(bot, message))) return;
    return void (await bot.beginDialog(FLOW.welcome, pending));
  }
  const need = pending.pending.need;
  if (need) {
    rememberProfile(turn, pending.pending.profile ?? {});
    return void (await bot.beginDialog(need, { profile: pending.pending.profile, question: pending.pending.question }));
  }
  // A need the directory does not cover (a dentist, a job…): said plainly, a person offered, recorded.
  if (pending.pending.unlisted) return void (await bot.beginDialog(FLOW.unlistedNeed, { unlisted: pending.pending.unlisted, profile: pending.pending.profile }));
  if (await answerSmalltalk(bot, message)) return;
  if (['greeting', 'yes', 'no', 'start'].includes(message.nlu.intent)) return void (await bot.beginDialog(FLOW.menu));
  // Not understood: say so, and show what the bot can do; a second miss offers a person.
  await bot.beginDialog(FLOW.menu, { _sorry: true, _misses: 1 });
}

/** Thanks, "de rien", 👍 with nothing asked: a short answer, not the menu. False for anything else. */
async function answerSmalltalk(bot: BotWorker, message: FamilyMessage): Promise<boolean> {
  const talk = readSmalltalk(message.text ?? '', message.nlu);
  if (message.nlu.intent === 'thanks') await bot.say(talk === 'closing' ? 'smalltalk.bye' : 'smalltalk.thanks');
  else if (talk === 'ack' && message.nlu.intent !== 'yes') await bot.say('smalltalk.bye');
  else return false;
  return true;
}

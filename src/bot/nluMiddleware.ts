import type { BotkitMessage, BotWorker } from 'botkit';
import { analyze } from '../nlu/index.ts';
import { neighbourhoodAt } from '../directory/neighbourhoodAt.ts';
import { readSmalltalk } from '../conversation/smalltalk.ts';
import { turnOfBot } from './botkitBridge.ts';
import { adoptDetectedLanguage, isSentence } from './detectedLanguage.ts';
import { familyLanguage, type FamilyMessage } from './family.ts';
import { messageKind } from './messageKind.ts';

/**
 * Receive middleware: reads the message (NLU: language, intent, entities) into `message.nlu`
 * before any interrupt or flow sees it, and adopts a language the family plainly writes in.
 * `now`: the app's clock (dates such as "15 mars" are read against it).
 */
export function nluMiddleware(now: () => Date) {
  return (bot: BotWorker, message: BotkitMessage, next: (err?: Error) => void): void => {
    try {
      const family = message as FamilyMessage;
      family.nlu = analyze(family.text ?? '', { currentLanguage: familyLanguage(family.contact), now: now() });
      // A shared location says where the family is, as a typed neighbourhood would: the flows read it so.
      const place = family.location && messageKind(family) === 'location' ? neighbourhoodAt(family.location) : undefined;
      if (place) family.nlu = { ...family.nlu, entities: [...family.nlu.entities, { type: 'neighbourhood', text: family.location?.label ?? '', neighbourhood: place }] };
      // A message that only thanks or closes ("de rien", "pa dekwa", "you're welcome") means nothing
      // else, whatever its words look like (housing, STOP, HELP); only a crisis reading stands.
      const talk = readSmalltalk(family.text ?? '', family.nlu);
      if ((talk === 'thanks' || talk === 'closing') && family.nlu.intent !== 'crisis') family.nlu = { ...family.nlu, intent: 'thanks' };
      // A sentence plainly in another of our languages switches to it, even in the middle of a flow.
      if (family.contact?.languageConfirmed && isSentence(family.text ?? '')) adoptDetectedLanguage(turnOfBot(bot), family);
      next();
    } catch (error) {
      next(error as Error);
    }
  };
}

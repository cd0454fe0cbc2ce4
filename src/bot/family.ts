import type { BotkitMessage } from 'botkit';
import type { Contact } from '../generated/prisma/client.ts';
import type { InboundChannelData } from './channelData.ts';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../i18n.ts';
import type { NluResult } from '../nlu/index.ts';

/** A Botkit message from the Twilio adapter, with the family's record and what NLU read in it. */
export type FamilyMessage = BotkitMessage & InboundChannelData & { nlu: NluResult };

/** The language to answer the family in. */
export function familyLanguage(contact: Pick<Contact, 'language'> | undefined): Language {
  return contact && isLanguage(contact.language) ? contact.language : DEFAULT_LANGUAGE;
}

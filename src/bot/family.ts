import type { BotkitMessage } from 'botkit';
import type { Database } from '../db/Database.ts';
import type { Contact } from '../generated/prisma/client.ts';
import type { InboundChannelData } from './channelData.ts';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../i18n.ts';
import type { NluResult } from '../nlu/index.ts';
import { TurnUnit, type ContactChanges } from './TurnUnit.ts';

/** A Botkit message from the Twilio adapter, with the family's record and what NLU read in it. */
export type FamilyMessage = BotkitMessage & InboundChannelData & { nlu: NluResult };

/** The language to answer the family in. */
export function familyLanguage(contact: Pick<Contact, 'language'> | undefined): Language {
  return contact && isLanguage(contact.language) ? contact.language : DEFAULT_LANGUAGE;
}

/** Updates the family's record: with the turn's commit during a turn, at once otherwise. */
export async function updateFamily(db: Database, contact: Contact, data: ContactChanges): Promise<void> {
  const unit = TurnUnit.current();
  if (unit) {
    unit.updateContact(data);
    if (unit.contact !== contact) Object.assign(contact, data);
    return;
  }
  await db.client().contact.update({ where: { id: contact.id }, data });
  Object.assign(contact, data);
}

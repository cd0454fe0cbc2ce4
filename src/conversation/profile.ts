import type { Contact } from '../generated/prisma/client.ts';
import type { NluEntity } from '../nlu/index.ts';

/**
 * What the bot knows of the family for a search. It lives in the dialog's variables; with the
 * family's consent it is also kept on the family's record and so remembered next time.
 */
export interface FamilyProfile {
  ageMonths?: number;
  pregnant?: boolean;
  /** ISO date (YYYY-MM-DD). */
  dueDate?: string;
  neighbourhood?: string;
  postalCode?: string;
  /** The family said it would rather not say where it lives: search island-wide. */
  noPlace?: boolean;
}

/** The profile as known from the family's record (when remembered) and from this conversation. */
export function knownProfile(contact: Contact, session: FamilyProfile | undefined): FamilyProfile {
  const profile: FamilyProfile = {};
  if (contact.consentGiven) {
    const ages = contact.childrenAgesMonths ?? [];
    // Several children: which one this question is about is asked again.
    if (ages.length === 1 && ages[0] !== undefined) profile.ageMonths = ages[0];
    if (contact.pregnant !== null) profile.pregnant = contact.pregnant;
    if (contact.dueDate) profile.dueDate = contact.dueDate.toISOString().slice(0, 10);
    if (contact.neighbourhood) profile.neighbourhood = contact.neighbourhood;
    if (contact.postalCode) profile.postalCode = contact.postalCode;
  }
  return { ...profile, ...session };
}

/** The profile details a message gives: ages, a postal code or neighbourhood, a due date. */
export function profileFromEntities(entities: readonly NluEntity[], options: { dates?: boolean } = {}): FamilyProfile {
  const profile: FamilyProfile = {};
  for (const entity of entities) {
    if (entity.type === 'age' && profile.ageMonths === undefined) profile.ageMonths = entity.months;
    if (entity.type === 'postal_code') {
      profile.postalCode = entity.fsa;
      if (entity.neighbourhood) profile.neighbourhood = entity.neighbourhood;
    }
    if (entity.type === 'neighbourhood' && !profile.neighbourhood) profile.neighbourhood = entity.neighbourhood;
    if (entity.type === 'date' && options.dates) profile.dueDate = entity.date;
  }
  return profile;
}

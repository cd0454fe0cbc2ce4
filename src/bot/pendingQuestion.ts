import { needOf } from '../domain/needs.ts';
import { unlistedNeedAsked } from '../directory/unlistedNeeds.ts';
import { profileFromEntities } from '../conversation/profile.ts';
import type { FlowVars } from '../conversation/actions.ts';
import type { FamilyMessage } from './family.ts';

/** The question a message asks, kept while the language or the notice comes first. */
export function pendingOf(message: FamilyMessage): Required<Pick<FlowVars, 'pending'>> {
  const unlisted = unlistedNeedAsked(message.text ?? '', message.nlu);
  const need = unlisted ? undefined : needOf(message.nlu.intent);
  return {
    pending: { ...(need ? { need, question: message.text ?? '' } : {}), ...(unlisted ? { unlisted } : {}), profile: profileFromEntities(message.nlu.entities) },
  };
}

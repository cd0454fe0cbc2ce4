import { NEEDS } from '../domain/needs.ts';
import type { CrisisKind } from '../nlu/types.ts';

// A service's taxonomy terms, apart from the seed's zod schemas (seedSchema.ts re-exports them):
// the processing thread searches the directory and never validates a seed, and zod cost it 3.2
// MiB of V8 heap (issue 15).

/**
 * Taxonomy terms of the crisis lines (911, SOS violence conjugale, 9-8-8…), kept in a service's
 * `needs` beside the family needs: `crisis_<kind>` for each kind of crisis the NLU recognises
 * (`CRISIS_KINDS`), and `crisis_emergency` for the line called at once when someone is in danger
 * (911), which every kind's answer gives. A service tagged with them only is a crisis line: the
 * crisis answer gives it, ordinary searches leave it out.
 */
export const CRISIS_TERMS = [
  'crisis_emergency',
  'crisis_violence',
  'crisis_self_harm',
  'crisis_child_danger',
  'crisis_medical',
  'crisis_parent_distress',
] as const satisfies readonly ('crisis_emergency' | `crisis_${CrisisKind}`)[];
export type CrisisTerm = (typeof CRISIS_TERMS)[number];
/** The emergency line's term: 911, first whenever someone is in immediate danger. */
export const EMERGENCY_TERM = 'crisis_emergency' satisfies CrisisTerm;

/** The term tagging the lines that fit a kind of crisis. */
export function crisisTerm(kind: CrisisKind): CrisisTerm {
  return `crisis_${kind}`;
}

/** Whether a service's terms make it a crisis line only (no family need). */
export function isCrisisLine(needs: readonly string[]): boolean {
  return needs.length > 0 && needs.every((need) => (CRISIS_TERMS as readonly string[]).includes(need));
}

/** A term a service may be tagged with: a family need or a crisis term. */
export const SERVICE_TERMS = [...NEEDS, ...CRISIS_TERMS] as const;
export type ServiceTerm = (typeof SERVICE_TERMS)[number];


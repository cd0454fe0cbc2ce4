/**
 * The needs a family asks about: the NLU intents of the same name, the flows of the same name
 * (`flows/<need>.yaml`) and the directory's taxonomy terms for family services.
 */
export const NEEDS = ['prenatal', 'breastfeeding', 'camp', 'school_readiness', 'childcare', 'housing', 'basic_needs', 'newcomer', 'events'] as const;
export type Need = (typeof NEEDS)[number];

/** The need a value names (an intent, a flow variable, a query field), or undefined. */
export function needOf(value: unknown): Need | undefined {
  return NEEDS.find((need) => need === value);
}

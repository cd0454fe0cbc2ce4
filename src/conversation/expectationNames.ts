/**
 * The kinds of answer a question may expect (`expect:` in a flow file). `EXPECTATIONS`
 * (expectations.ts) says how each is read; the names live apart so that reading and validating
 * flow files (flowSchema.ts, on the web thread) does not load the NLU and its models (issue 15).
 */
export const EXPECTATION_NAMES = ['yes_no', 'choice', 'age', 'due_date', 'place', 'language', 'results', 'feedback'] as const;

export type Expectation = (typeof EXPECTATION_NAMES)[number];

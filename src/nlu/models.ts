import { fileURLToPath } from 'node:url';
import { TextClassifier } from './TextClassifier.ts';

/** The statistical models the NLU combines with its rules. */
export interface NluModels {
  /** Labels: every intent id (`prenatal`, `stop`, `crisis`, `unknown`…). */
  intent: TextClassifier;
  /** Labels: `none` and the crisis kinds; P(crisis) = 1 − P(none). */
  crisis: TextClassifier;
  /** Labels: `fr`, `en`, `es`, `ht`: the language a message is written in. */
  language: TextClassifier;
  /** Labels: `none` and the units (`year`, `month`, `week`, `day`): whether a number is a child's age (`ages.ts`). */
  ages: TextClassifier;
}

/** Where `npm run nlu:train` writes the models and where the NLU reads them. */
export const MODEL_PATHS = {
  intent: fileURLToPath(new URL('./model/intent.bin', import.meta.url)),
  crisis: fileURLToPath(new URL('./model/crisis.bin', import.meta.url)),
  language: fileURLToPath(new URL('./model/language.bin', import.meta.url)),
  ages: fileURLToPath(new URL('./model/ages.bin', import.meta.url)),
} as const;

/**
 * Loaded once when the NLU is first imported (top-level await), so `analyze` stays synchronous.
 * Undefined only in a checkout whose models were deleted: the rules then work alone, and
 * `test/unit/nlu/models.test.ts` fails so it cannot go unnoticed.
 */
export const MODELS: NluModels | undefined = await loadModels();

async function loadModels(): Promise<NluModels | undefined> {
  // The age model first: its dictionary (47,000 words) grows by copies whose freed blocks the other
  // models then fill; loaded last, they stayed unused and the instance's memory held 0.7 MiB more.
  const ages = await TextClassifier.loadIfPresent(MODEL_PATHS.ages);
  const intent = await TextClassifier.loadIfPresent(MODEL_PATHS.intent);
  const crisis = await TextClassifier.loadIfPresent(MODEL_PATHS.crisis);
  const language = await TextClassifier.loadIfPresent(MODEL_PATHS.language);
  return intent && crisis && language && ages ? { intent, crisis, language, ages } : undefined;
}

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
}

/** Where `npm run nlu:train` writes the models and where the NLU reads them. */
export const MODEL_PATHS = {
  intent: fileURLToPath(new URL('./model/intent.bin', import.meta.url)),
  crisis: fileURLToPath(new URL('./model/crisis.bin', import.meta.url)),
  language: fileURLToPath(new URL('./model/language.bin', import.meta.url)),
} as const;

/**
 * Loaded once when the NLU is first imported (top-level await), so `analyze` stays synchronous.
 * Undefined only in a checkout whose models were deleted: the rules then work alone, and
 * `test/unit/nlu/models.test.ts` fails so it cannot go unnoticed.
 */
export const MODELS: NluModels | undefined = await loadModels();

async function loadModels(): Promise<NluModels | undefined> {
  const intent = await TextClassifier.loadIfPresent(MODEL_PATHS.intent);
  const crisis = await TextClassifier.loadIfPresent(MODEL_PATHS.crisis);
  const language = await TextClassifier.loadIfPresent(MODEL_PATHS.language);
  return intent && crisis && language ? { intent, crisis, language } : undefined;
}

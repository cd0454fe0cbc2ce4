import { AGE_PARAMETERS, trainAgeModel } from './ages.ts';
import { DETAIL_LABEL, modelInput } from './classifyIntent.ts';
import type { LabelledLine } from './evaluate.ts';
import { prepareMessage } from './index.ts';
import type { NluModels } from './models.ts';
import { DEFAULT_PARAMETERS, TextClassifier } from './TextClassifier.ts';
import { VOCABULARY } from './vocabulary.ts';
import type { TrainingParameters } from './TextClassifier.ts';

// Shorter character n-grams and no word bigrams: spelling, not phrasing, tells the language.
// 5,000 buckets of 12 dimensions (was 20,000 of 16: 1.97 MB → 0.79 MB) read as well, by 5-fold
// cross-validation on the corpus at the shipped thresholds (the folds of `npm run nlu:train -- --cv`,
// 2026-12-01, issue 15): language 15,379/15,672 (98.13%) against 15,381 (98.14%), every other
// measure unchanged; 10,000 × 16 read 15,381 and 10,000 × 12 15,382.
const LANGUAGE_PARAMETERS: TrainingParameters = { ...DEFAULT_PARAMETERS, minn: 2, maxn: 4, epoch: 30, wordNgrams: 1, dim: 12, bucket: 5_000 };

/** Each model's own fastText options (they need not share them). */
export interface ModelParameters {
  intent: TrainingParameters;
  crisis: TrainingParameters;
  language: TrainingParameters;
  ages: TrainingParameters;
}

const MODEL_PARAMETERS: ModelParameters = { intent: DEFAULT_PARAMETERS, crisis: DEFAULT_PARAMETERS, language: LANGUAGE_PARAMETERS, ages: AGE_PARAMETERS };

type Example = { label: string; text: string };

/**
 * The intent, crisis and language models' training examples: the labelled lines plus every phrase of
 * the lexicons for intent and crisis (what the word lists know, the models learn to generalise from).
 */
function trainingExamples(lines: readonly LabelledLine[]): { intent: Example[]; crisis: Example[]; language: Example[] } {
  const examples = [...lines.map((line) => ({ line: { intent: line.intent, crisis_kind: line.crisis_kind, entities: line.entities }, text: modelInput(prepareMessage(line.text).tokens) })), ...lexiconExamples()].filter(
    (example) => example.text !== '',
  );
  const intent = examples.map(({ line, text }) => ({ label: intentLabel(line), text }));
  // Crisis lines of the earliest sets name no kind: they teach the intent model, not this one, whose
  // labels are the kinds and `none` (a generic label would soak up the kinds' probability).
  const crisis = examples
    .filter(({ line }) => line.intent !== 'crisis' || line.crisis_kind !== undefined)
    .map(({ line, text }) => ({ label: line.intent === 'crisis' ? (line.crisis_kind ?? '') : 'none', text }));
  // The language a line is written in: not a change request (labelled with the language asked for),
  // nor a line with nothing to go on (labelled with the family's remembered language), nor a fifth language.
  const written = lines.filter((line) => !line.currentLanguage && !line.foreign && line.intent !== 'change_language');
  const language = written.map((line) => ({ label: line.language, text: modelInput(prepareMessage(line.text).tokens) })).filter((example) => example.text !== '');
  return { intent, crisis, language };
}

/**
 * Trains the intent, crisis and language models on `trainingExamples`, and the age model on the lines' ages.
 */
export async function trainModels(lines: readonly LabelledLine[], parameters: ModelParameters = MODEL_PARAMETERS): Promise<NluModels> {
  const examples = trainingExamples(lines);
  const intent = await TextClassifier.train(examples.intent, parameters.intent);
  const crisis = await TextClassifier.train(examples.crisis, parameters.crisis);
  const language = await TextClassifier.train(examples.language, parameters.language);
  return { intent, crisis, language, ages: await trainAgeModel(lines, parameters.ages) };
}

// A phrase of two words or more, or a word the lexicon weighs fully ("embarazada=1.6", "suicide").
function lexiconExamples(): { line: { intent: string; crisis_kind?: undefined; entities?: undefined }; text: string }[] {
  const examples: { line: { intent: string }; text: string }[] = [];
  for (const phrases of [...VOCABULARY.phrasesByFirstWord.values(), VOCABULARY.prefixPhrases]) {
    for (const phrase of phrases) {
      if (phrase.weight < 1) continue;
      examples.push({ line: { intent: phrase.intent }, text: modelInput(phrase.words.map((word) => word.replace('*', ''))) });
    }
  }
  return examples;
}

/**
 * The intent model's label: a bare detail ("8 mois", "H1Z 3K4") is `detail`, not off-topic, so that
 * the lexicons still name a need when a detail comes with it ("enceite de 3 mois").
 */
function intentLabel(line: { intent: string; entities?: LabelledLine['entities'] }): string {
  return line.intent === 'unknown' && (line.entities ?? []).length > 0 ? DETAIL_LABEL : line.intent;
}

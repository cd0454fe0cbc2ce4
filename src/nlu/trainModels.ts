import { trainAgeModel } from './ages.ts';
import { DETAIL_LABEL, modelInput } from './classifyIntent.ts';
import type { LabelledLine } from './evaluate.ts';
import { prepareMessage } from './index.ts';
import type { NluModels } from './models.ts';
import { DEFAULT_PARAMETERS, TextClassifier } from './TextClassifier.ts';
import { VOCABULARY } from './vocabulary.ts';
import type { TrainingParameters } from './TextClassifier.ts';

// Shorter character n-grams and no word bigrams: spelling, not phrasing, tells the language.
const LANGUAGE_PARAMETERS: TrainingParameters = { ...DEFAULT_PARAMETERS, minn: 2, maxn: 4, epoch: 30, wordNgrams: 1, dim: 16, bucket: 20_000 };

/**
 * Trains the intent, crisis and language models on the labelled lines plus every phrase of the lexicons
 * (what the word lists know, the models learn to generalise from), and the age model on the lines' ages.
 */
export async function trainModels(lines: readonly LabelledLine[], parameters: TrainingParameters = DEFAULT_PARAMETERS): Promise<NluModels> {
  const examples = [...lines.map((line) => ({ line: { intent: line.intent, crisis_kind: line.crisis_kind, entities: line.entities }, text: modelInput(prepareMessage(line.text).tokens) })), ...lexiconExamples()].filter(
    (example) => example.text !== '',
  );
  const intent = await TextClassifier.train(examples.map(({ line, text }) => ({ label: intentLabel(line), text })), parameters);
  // Crisis lines of the earliest sets name no kind: they teach the intent model, not this one, whose
  // labels are the kinds and `none` (a generic label would soak up the kinds' probability).
  const crisis = await TextClassifier.train(
    examples.filter(({ line }) => line.intent !== 'crisis' || line.crisis_kind !== undefined).map(({ line, text }) => ({ label: line.intent === 'crisis' ? (line.crisis_kind ?? '') : 'none', text })),
    parameters,
  );
  // The language a line is written in: not a change request (labelled with the language asked for),
  // nor a line with nothing to go on (labelled with the family's remembered language), nor a fifth language.
  const written = lines.filter((line) => !line.currentLanguage && !line.foreign && line.intent !== 'change_language');
  const language = await TextClassifier.train(
    written.map((line) => ({ label: line.language, text: modelInput(prepareMessage(line.text).tokens) })).filter((example) => example.text !== ''),
    LANGUAGE_PARAMETERS,
  );
  return { intent, crisis, language, ages: await trainAgeModel(lines) };
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

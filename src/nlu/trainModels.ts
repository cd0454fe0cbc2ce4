import { modelInput } from './classifyIntent.ts';
import type { LabelledLine } from './evaluate.ts';
import { prepareMessage } from './index.ts';
import type { NluModels } from './models.ts';
import { DEFAULT_PARAMETERS, TextClassifier } from './TextClassifier.ts';
import type { TrainingParameters } from './TextClassifier.ts';

/** Trains both models; crisis lines of earlier sets carry no kind and are labelled `crisis`. */
export async function trainModels(lines: readonly LabelledLine[], parameters: TrainingParameters = DEFAULT_PARAMETERS): Promise<NluModels> {
  const examples = lines.map((line) => ({ line, text: modelInput(prepareMessage(line.text).tokens) })).filter((example) => example.text !== '');
  const intent = await TextClassifier.train(examples.map(({ line, text }) => ({ label: line.intent, text })), parameters);
  const crisis = await TextClassifier.train(examples.map(({ line, text }) => ({ label: line.intent === 'crisis' ? (line.crisis_kind ?? 'crisis') : 'none', text })), parameters);
  return { intent, crisis };
}


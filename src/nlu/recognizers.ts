import { DateTimeRecognizer } from '@microsoft/recognizers-text-date-time';
import { NumberRecognizer } from '@microsoft/recognizers-text-number';

/** The cultures recognizers-text knows among ours; Creole has none. */
export type RecognizerCulture = 'fr-fr' | 'en-us' | 'es-es';

type NumberModel = ReturnType<NumberRecognizer['getNumberModel']>;
type DateTimeModel = ReturnType<DateTimeRecognizer['getDateTimeModel']>;

// Building a model costs 15–140 ms and its first parse compiles huge regular expressions (the
// French number model takes seconds): build each once per culture, lazily, and keep it.
const numberModels = new Map<RecognizerCulture, NumberModel>();
const dateModels = new Map<RecognizerCulture, DateTimeModel>();

/** recognizers-text models, built once per culture on first use. */
export const recognizers = {
  number(culture: RecognizerCulture): NumberModel {
    let model = numberModels.get(culture);
    if (!model) {
      model = new NumberRecognizer(culture).getNumberModel();
      numberModels.set(culture, model);
    }
    return model;
  },
  dateTime(culture: RecognizerCulture): DateTimeModel {
    let model = dateModels.get(culture);
    if (!model) {
      model = new DateTimeRecognizer(culture).getDateTimeModel();
      dateModels.set(culture, model);
    }
    return model;
  },
};

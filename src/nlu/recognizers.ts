import { createRequire } from 'node:module';
import type * as DateTimePackage from '@microsoft/recognizers-text-date-time';
import type { DateTimeRecognizer } from '@microsoft/recognizers-text-date-time';
import type * as NumberPackage from '@microsoft/recognizers-text-number';
import type { NumberRecognizer } from '@microsoft/recognizers-text-number';

// Each package is one bundle of every culture's definitions (about 25 and 33 MB resident once
// parsed) that most messages never need: required on first use, synchronously, so `analyze` stays
// synchronous. (Both ship CommonJS bundles.)
const require = createRequire(import.meta.url);
let numberPackage: typeof NumberPackage | undefined;
let dateTimePackage: typeof DateTimePackage | undefined;

/** The cultures recognizers-text knows among ours; Creole has none. */
export type RecognizerCulture = 'fr-fr' | 'en-us' | 'es-es';

type NumberModel = ReturnType<NumberRecognizer['getNumberModel']>;
type DateTimeModel = ReturnType<DateTimeRecognizer['getDateTimeModel']>;

// Building a model costs 15–140 ms and its first parse compiles huge regular expressions (the
// French number model takes seconds): build each once per culture, lazily, and keep it.
const numberModels = new Map<RecognizerCulture, NumberModel>();
const dateModels = new Map<RecognizerCulture, DateTimeModel>();

/**
 * recognizers-text models, built once per culture on first use: the culture of the conversation's
 * language only (Creole has none), the number model on the first compound number word, the date
 * model on the first message of a step that expects a date (`AnalyzeOptions.expectDate`).
 */
export const recognizers = {
  number(culture: RecognizerCulture): NumberModel {
    let model = numberModels.get(culture);
    if (!model) {
      numberPackage ??= require('@microsoft/recognizers-text-number') as typeof NumberPackage;
      // Lazily: by default the recognizer also builds the culture's ordinal and percentage models,
      // which nothing here asks for (1.0 MiB of V8 heap for fr, en and es together; issue 15).
      model = new numberPackage.NumberRecognizer(culture, numberPackage.NumberOptions.None, true).getNumberModel();
      numberModels.set(culture, model);
    }
    return model;
  },
  dateTime(culture: RecognizerCulture): DateTimeModel {
    let model = dateModels.get(culture);
    if (!model) {
      dateTimePackage ??= require('@microsoft/recognizers-text-date-time') as typeof DateTimePackage;
      model = new dateTimePackage.DateTimeRecognizer(culture).getDateTimeModel();
      dateModels.set(culture, model);
    }
    return model;
  },
};

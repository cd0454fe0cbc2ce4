import { existsSync } from 'node:fs';
import { getFastTextClass, getFastTextModule } from 'fasttext.wasm.js';
import type { FastTextModel } from 'fasttext.wasm.js';

// Where FastText.loadModel writes the model file in the module's in-memory file system
// (`modelFileInWasmFs` in the library's constants, which it does not export with types).
const MODEL_FILE_IN_WASM_FS = 'model.bin';

/**
 * A fastText supervised classifier (character 3–6-grams and word bigrams; Joulin et al., "Bag of
 * Tricks for Efficient Text Classification", 2017) running in WebAssembly: trained by
 * `npm run nlu:train` from the corpus in the repository, shipped as a file, never downloaded.
 * `scores` is synchronous (about 0.1 ms for an SMS); only loading and training are asynchronous.
 */
export class TextClassifier {
  private constructor(private readonly model: FastTextModel) {}

  /** Loads a model file written by `save`; throws when the file is missing or not a fastText model. */
  static async load(path: string): Promise<TextClassifier> {
    // Every model of a thread lives in one WebAssembly instance (each its own fastText object):
    // an instance's memory starts at 16 MB, so one per model cost that much again for each.
    // The library stages every model under the same file name in the instance's file system,
    // so loads take turns: two at once could read each other's file.
    const loaded = loading.then(async () => {
      const FastText = await sharedFastText();
      const fastText = new FastText();
      // The library reads `file://` URLs with fs; a plain path would be taken for an http URL.
      const model = await fastText.loadModel(new URL(`file://${path}`).href);
      // fastText has read the file into its own matrices: drop the library's in-memory copy of the
      // file (as large as the file, about 4.5 MB per model).
      fastText.fs.unlink(MODEL_FILE_IN_WASM_FS);
      return new TextClassifier(model);
    });
    loading = loaded.catch(() => undefined);
    return loaded;
  }

  /** Loads `path` when it exists, else undefined (a fresh checkout before `npm run nlu:train`). */
  static async loadIfPresent(path: string): Promise<TextClassifier | undefined> {
    return existsSync(path) ? TextClassifier.load(path) : undefined;
  }

  /**
   * Trains on `examples` (label and model input, see `modelInput`) with fixed hyper-parameters and
   * one thread, so the same corpus always gives the same model.
   */
  static async train(examples: readonly { label: string; text: string }[], parameters: TrainingParameters = DEFAULT_PARAMETERS): Promise<TextClassifier> {
    const FastText = await getFastTextClass({ getFastTextModule });
    const fastText = new FastText();
    const corpus = examples.map((example) => `__label__${example.label} ${example.text}`).join('\n');
    // The library fetches its training file; a data: URL keeps it in memory (Node's fetch reads them).
    const url = `data:text/plain;base64,${Buffer.from(corpus).toString('base64')}`;
    const model = (await fastText.trainSupervised(url, { ...parameters, loss: 'softmax', verbose: 0 }, () => undefined)) as FastTextModel;
    return new TextClassifier(model);
  }

  /** The probability of every label (they sum to 1), for a model input made by `modelInput`. */
  scores(text: string): Map<string, number> {
    const vector = this.model.predict(text, -1, 0);
    const scores = new Map<string, number>();
    try {
      for (let index = 0; index < vector.size(); index++) {
        const [probability, label] = vector.get(index);
        scores.set(label.replace('__label__', ''), probability);
      }
    } finally {
      // Embind vectors live in the WebAssembly heap until deleted.
      vector.delete();
    }
    return scores;
  }

  /** Whether `word` was in the training corpus (fastText's dictionary), as opposed to only its character n-grams. */
  knows(word: string): boolean {
    return this.model.getWordId(word) >= 0;
  }

  /** The model file's bytes. */
  async save(): Promise<Buffer> {
    return Buffer.from(await this.model.saveModel().arrayBuffer());
  }
}

type FastTextClass = Awaited<ReturnType<typeof getFastTextClass>>;

/** The thread's one fastText WebAssembly instance for loaded models, created by the first load. */
let fastTextClass: Promise<FastTextClass> | undefined;
/** The load under way, if any: the next one starts when it settles. */
let loading: Promise<unknown> = Promise.resolve();

function sharedFastText(): Promise<FastTextClass> {
  const created = fastTextClass ?? getFastTextClass({ getFastTextModule });
  fastTextClass = created;
  return created;
}

/** fastText's options, under its own names (https://fasttext.cc/docs/en/options.html). */
export interface TrainingParameters {
  epoch: number;
  lr: number;
  dim: number;
  wordNgrams: number;
  minn: number;
  maxn: number;
  bucket: number;
  minCount: number;
  seed: number;
}

/**
 * Chosen by 5-fold cross-validation on the training corpus (`npm run nlu:train -- --cv`), never on a
 * held-out set. `bucket` and `dim` bound the model: (words + bucket) × dim × 4 bytes.
 */
export const DEFAULT_PARAMETERS: TrainingParameters = { epoch: 60, lr: 0.4, dim: 24, wordNgrams: 2, minn: 3, maxn: 6, bucket: 40_000, minCount: 1, seed: 7 };

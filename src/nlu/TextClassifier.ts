import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { FastTextModel, getFastTextClass, getFastTextModule } from 'fasttext.wasm.js';

/**
 * A fastText supervised classifier (character 3–6-grams and word bigrams; Joulin et al., "Bag of
 * Tricks for Efficient Text Classification", 2017) running in WebAssembly: trained by
 * `npm run nlu:train` from the corpus in the repository, shipped as a file, never downloaded.
 * `scores` is synchronous (about 0.1 ms for an SMS); only loading and training are asynchronous.
 */
export class TextClassifier {
  private constructor(private readonly model: FastTextModel) {}

  /**
   * Loads a model file written by `save`. Throws the file system's error when the file cannot be
   * read, and an Error when it is not a fastText model.
   *
   * Every model of a thread lives in one WebAssembly instance (each its own fastText object): an
   * instance's memory starts at 16 MB, so one per model cost that much again for each. fastText
   * reads the file straight from disk into its matrices: the library's own `loadModel` first copied
   * the whole file into the instance's memory, twice (a staging buffer, then its in-memory file
   * system), and WebAssembly memory never shrinks: with the four models it was 33.6 MiB (29.9
   * resident) instead of 23.8 (21.6; `/proc/self/smaps`, issue 15). With the smaller language and
   * age models (2026-12-01) it is 23.25 MiB, 19.05 resident: an empty instance is 16.1 MiB of which
   * 0.05 resident, so a smaller initial memory would save nothing resident, and every load order but
   * those with the age model last (19.7) gives the same 19.05.
   */
  static async load(path: string): Promise<TextClassifier> {
    const module = await sharedModule();
    const { FS } = module;
    // From here on the load is synchronous, so one device and one path serve every load.
    const fd = openSync(path, 'r');
    let reading = true;
    let created = false;
    try {
      // A device file whose reads the instance's file system hands to this function: fastText's
      // ifstream reads the file from disk through its own small buffer.
      const device = FS.makedev(DEVICE_MAJOR, 0);
      FS.registerDevice(device, {
        read: (_stream, buffer, offset, length, position) => {
          // The library returns the negated `errno` of what this throws (a Node error's is already negative).
          if (!reading) throw new FS.ErrnoError(EIO);
          try {
            return readSync(fd, buffer, offset, length, position);
          } catch {
            throw new FS.ErrnoError(EIO);
          }
        },
      });
      FS.mkdev(DEVICE_PATH, 0o444, device);
      created = true;
      const native = new module.FastText();
      try {
        native.loadModel(DEVICE_PATH);
      } catch (error) {
        // fastText's C++ exceptions reach JavaScript as bare numbers.
        throw new Error(`${path} is not a fastText model`, { cause: error });
      }
      return new TextClassifier(new FastTextModel(native, module));
    } finally {
      reading = false;
      closeSync(fd);
      if (created) FS.unlink(DEVICE_PATH);
    }
  }

  /**
   * Bytes of the thread's fastText WebAssembly memory, which every loaded model lives in and which
   * never shrinks (0 before the first load).
   */
  static async memoryBytes(): Promise<number> {
    return module ? (await module).HEAPU8.length : 0;
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

type FastTextModule = Awaited<ReturnType<typeof getFastTextModule>>;
type LoadingModule = Omit<FastTextModule, 'FS'> & { FS: DeviceFileSystem };

/**
 * The parts of Emscripten's file system API (https://emscripten.org/docs/api_reference/Filesystem-API.html)
 * `TextClassifier.load` uses, which the library's types leave out.
 */
interface DeviceFileSystem {
  makedev(major: number, minor: number): number;
  registerDevice(device: number, operations: { read(stream: unknown, buffer: Int8Array, offset: number, length: number, position: number): number }): void;
  mkdev(path: string, mode: number, device: number): void;
  unlink(path: string): void;
  ErrnoError: new (errno: number) => Error;
}

/** A major device number of ours (Emscripten's own devices use 1–6; `FS.createDevice` from 64). */
const DEVICE_MAJOR = 200;
/** Where a model being loaded appears in the instance's file system (the library's own staging file is `model.bin`). */
const DEVICE_PATH = '/loading-model';
/** WASI's input/output error. */
const EIO = 29;

/** The thread's one fastText WebAssembly instance for loaded models, created by the first load. */
let module: Promise<LoadingModule> | undefined;

function sharedModule(): Promise<LoadingModule> {
  module ??= getFastTextModule() as Promise<LoadingModule>;
  return module;
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
 *
 * The intent and crisis models keep them (issue 15, 2026-12-01): on the `--cv` folds at the shipped
 * thresholds, with the rule set before looking (crisis recall not one message lower, every other
 * measure within 0.3 points), each smaller model tried lost crisis recall: intent with 20,000 buckets
 * 2,921/3,073 against 2,922 (10,000: 2,915; 10,000 × 16 dimensions: 2,916; × 12: 2,905), crisis with
 * 20,000 2,921 (10,000: 2,906; × 16: 2,906; × 12: 2,909). Both at 20,000 together read 2,925/3,073,
 * false alarms 2.06% (1.99%), intent 89.69% (89.78%), and would save about 3.7 MiB of resident
 * WebAssembly memory (measured with models trained on four fifths of the corpus), but
 * each failed the rule alone.
 */
export const DEFAULT_PARAMETERS: TrainingParameters = { epoch: 60, lr: 0.4, dim: 24, wordNgrams: 2, minn: 3, maxn: 6, bucket: 40_000, minCount: 1, seed: 7 };

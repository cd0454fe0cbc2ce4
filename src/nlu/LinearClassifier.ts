import { z } from 'zod';

/**
 * A multinomial logistic regression over sparse binary features (named strings), trained by
 * stochastic gradient descent with L2 regularisation (Bishop, "Pattern Recognition and Machine
 * Learning", 2006, §4.3.4). Small enough to ship as JSON and score in microseconds without a
 * WebAssembly instance: used where each decision has a few dozen features (a number in a message
 * and the words around it), not for whole messages (the fastText models do those).
 */
export class LinearClassifier {
  private constructor(
    readonly labels: readonly string[],
    /** Each feature's row in `matrix` (one weight per label); one typed array keeps 20,000 features under a megabyte. */
    private readonly rows: ReadonlyMap<string, number>,
    private readonly matrix: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  /**
   * Trains on `examples` (a label and the names of the features present). Deterministic: the same
   * examples and parameters always give the same weights (a seeded shuffle, one thread). Features
   * seen fewer than `minCount` times are dropped, so a typo seen once does not carry a weight.
   */
  static train(examples: readonly { label: string; features: readonly string[] }[], parameters: LinearParameters = LINEAR_PARAMETERS): LinearClassifier {
    const labels = [...new Set(examples.map((example) => example.label))].sort();
    const counts = new Map<string, number>();
    for (const example of examples) for (const feature of new Set(example.features)) counts.set(feature, (counts.get(feature) ?? 0) + 1);
    const rows = new Map<string, number>();
    for (const [feature, count] of counts) if (count >= parameters.minCount) rows.set(feature, rows.size);
    const classifier = new LinearClassifier(labels, rows, new Float32Array(rows.size * labels.length), new Float32Array(labels.length));
    const { matrix, bias } = classifier;
    const data = examples.map((example) => ({ target: labels.indexOf(example.label), rows: classifier.rowsOf(example.features) }));
    const order = data.map((_, index) => index);
    let seed = parameters.seed;
    for (let epoch = 0; epoch < parameters.epochs; epoch++) {
      // Fisher–Yates with a linear congruential generator: the same order on every machine.
      for (let index = order.length - 1; index > 0; index--) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        const other = seed % (index + 1);
        [order[index], order[other]] = [order[other] ?? 0, order[index] ?? 0];
      }
      const rate = parameters.learningRate / (1 + epoch * parameters.decay);
      for (const index of order) {
        const example = data[index];
        if (!example) continue;
        const probabilities = classifier.probabilities(example.rows);
        for (let label = 0; label < labels.length; label++) {
          const gradient = (probabilities[label] ?? 0) - (label === example.target ? 1 : 0);
          bias[label] = (bias[label] ?? 0) - rate * gradient;
          for (const row of example.rows) {
            const at = row * labels.length + label;
            matrix[at] = (matrix[at] ?? 0) * (1 - rate * parameters.l2) - rate * gradient;
          }
        }
      }
    }
    return classifier;
  }

  /** Reads what `toJSON` wrote; throws when the data is not a model of this kind. */
  static fromJSON(data: unknown): LinearClassifier {
    const model = modelSchema.parse(data);
    const width = model.labels.length;
    if (model.bias.length !== width) throw new Error(`LinearClassifier: ${model.bias.length} biases for ${width} labels`);
    const entries = Object.entries(model.weights);
    const rows = new Map<string, number>();
    const matrix = new Float32Array(entries.length * width);
    for (const [feature, weights] of entries) {
      if (weights.length !== width) throw new Error(`LinearClassifier: feature ${JSON.stringify(feature)} has ${weights.length} weights for ${width} labels`);
      matrix.set(weights, rows.size * width);
      rows.set(feature, rows.size);
    }
    return new LinearClassifier(model.labels, rows, matrix, Float32Array.from(model.bias));
  }

  /** The probability of every label (they sum to 1) for the features present; unknown features are ignored. */
  scores(features: readonly string[]): Map<string, number> {
    const probabilities = this.probabilities(this.rowsOf(features));
    return new Map(this.labels.map((label, index) => [label, probabilities[index] ?? 0]));
  }

  /** The model as plain data (weights rounded to 4 decimals; features whose weights all round to 0 are left out). */
  toJSON(): LinearModelData {
    const round = (value: number): number => Math.round(value * 1e4) / 1e4;
    const width = this.labels.length;
    const weights: Record<string, number[]> = {};
    for (const [feature, row] of [...this.rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const rounded = [...this.matrix.subarray(row * width, (row + 1) * width)].map(round);
      if (rounded.some((value) => value !== 0)) weights[feature] = rounded;
    }
    return { labels: [...this.labels], bias: [...this.bias].map(round), weights };
  }

  private rowsOf(features: readonly string[]): number[] {
    return [...new Set(features)].flatMap((feature) => this.rows.get(feature) ?? []);
  }

  private probabilities(rows: readonly number[]): number[] {
    const width = this.labels.length;
    const logits = [...this.bias];
    for (const row of rows) for (let label = 0; label < width; label++) logits[label] = (logits[label] ?? 0) + (this.matrix[row * width + label] ?? 0);
    const top = Math.max(...logits);
    const exponentials = logits.map((logit) => Math.exp(logit - top));
    const total = exponentials.reduce((sum, value) => sum + value, 0);
    return exponentials.map((value) => value / total);
  }
}

/** Training options: SGD step `learningRate / (1 + epoch × decay)`, L2 penalty per step, features kept from `minCount` occurrences. */
export interface LinearParameters {
  epochs: number;
  learningRate: number;
  decay: number;
  l2: number;
  minCount: number;
  seed: number;
}

/** Chosen by writer-separated cross-validation of the age reader (`npm run nlu:train -- --ages-cv`). */
export const LINEAR_PARAMETERS: LinearParameters = { epochs: 20, learningRate: 0.2, decay: 0.2, l2: 1e-5, minCount: 2, seed: 7 };

const modelSchema = z.object({
  labels: z.array(z.string()).min(2),
  bias: z.array(z.number()),
  weights: z.record(z.string(), z.array(z.number())),
});
/** A `LinearClassifier` as JSON. */
export type LinearModelData = z.infer<typeof modelSchema>;

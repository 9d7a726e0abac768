/**
 * `glmm logdensity`: evaluate the compiled log density and its gradient at unconstrained points, for
 * checking a model against another implementation (e.g. Stan's `log_prob`/`grad_log_prob`).
 * @module
 */
import type { Command } from "commander";
import { compileDesign } from "../../compile/index.js";
import type { CompiledModel } from "../../compile/index.js";
import { formatTable } from "../../report/table.js";
import { makeRng } from "../../rng.js";
import { readText } from "../../data/readText.js";
import { UsageError } from "../errors.js";
import { wantsJson } from "../io.js";
import { loadModel, type ModelSourceOptions } from "../modelInput.js";
import { intOption } from "../options.js";
import type { LoadedModel } from "../../spec/loadSpec.js";

interface LogDensityCliOptions extends ModelSourceOptions {
  at?: string;
  seed: string;
  json?: boolean;
}

/** One evaluated point. */
export interface DensityPoint {
  readonly logp: number;
  readonly grad: number[];
}

/**
 * Read the points of `--at`: a JSON array of arrays of `dim` numbers.
 *
 * @throws UsageError for a missing file, bad JSON, or a point of the wrong length
 * @example
 * readPoints("points.json", 2); // => [Float64Array [0, 1]]
 */
export function readPoints(path: string, dim: number): Float64Array[] {
  const text = readText(path, (why) => new UsageError(`--at ${path}: ${why}`));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--at ${path}: ${(e as Error).message}`);
  }
  if (!Array.isArray(json) || json.length === 0) throw new UsageError(`--at ${path}: expected a non-empty JSON array of points (arrays of ${dim} numbers)`);
  return json.map((pt, k) => {
    if (!Array.isArray(pt) || pt.length !== dim || !pt.every((v) => typeof v === "number" && Number.isFinite(v))) {
      throw new UsageError(`--at ${path}: point ${k + 1} must be an array of ${dim} finite numbers (the model's unconstrained dimension)`);
    }
    return Float64Array.from(pt as number[]);
  });
}

/**
 * Compile a loaded model; compile-time model errors become UsageErrors.
 *
 * @example
 * compileModel(loadSpec("cbpp/spec.json")).dim; // => 20
 */
export function compileModel(model: LoadedModel): CompiledModel {
  try {
    return compileDesign(model.design, model.priors);
  } catch (e) {
    throw new UsageError(`cannot compile the model: ${(e as Error).message}`);
  }
}

/**
 * Evaluate log p and its gradient at each point.
 *
 * @example
 * evaluatePoints(compiled, [theta]); // => [{ logp: -123.4, grad: [...] }]
 */
export function evaluatePoints(compiled: CompiledModel, points: readonly Float64Array[]): DensityPoint[] {
  const grad = new Float64Array(compiled.dim);
  return points.map((theta) => {
    const logp = compiled.logDensity(theta, grad);
    return { logp, grad: Array.from(grad) };
  });
}

/**
 * A seeded random point, uniform(-2, 2) in every coordinate (Stan's default initialisation).
 *
 * @example
 * randomPoint(3, 1).length; // => 3
 */
export function randomPoint(dim: number, seed: number): Float64Array {
  const rng = makeRng(seed);
  return Float64Array.from({ length: dim }, () => 4 * rng() - 2);
}

function printHuman(names: string[], points: readonly Float64Array[], out: DensityPoint[]): void {
  out.forEach((pt, k) => {
    const rows = names.map((n, j) => [n, String(points[k][j]), String(pt.grad[j])]);
    process.stdout.write(`point ${k + 1}: logp = ${pt.logp}\n${formatTable(["", "theta", "d logp / d theta"], rows)}\n`);
  });
}

async function logDensityAction(specPath: string | undefined, o: LogDensityCliOptions): Promise<void> {
  const seed = intOption("--seed", o.seed, 0);
  const model = loadModel(specPath, o);
  const compiled = compileModel(model);
  const points = o.at ? readPoints(o.at, compiled.dim) : [randomPoint(compiled.dim, seed)];
  const out = evaluatePoints(compiled, points);
  const names = compiled.names();
  if (wantsJson(o)) process.stdout.write(`${JSON.stringify({ names, points: out })}\n`);
  else printHuman(names, points, out);
}

/**
 * Register `glmm logdensity`.
 *
 * @example
 * register(new Command("glmm")); // => undefined
 */
export function register(program: Command): void {
  program
    .command("logdensity")
    .description("evaluate the model's log density and gradient on the unconstrained scale (JSON: {names, points: [{logp, grad}]})")
    .argument("[spec]", "model file spec.json; omit to use --formula/--data/--family")
    .option("--at <points.json>", "JSON array of unconstrained points (arrays of numbers, in `names` order); default: one random point")
    .option("--seed <n>", "seed of the random point when --at is omitted", "1")
    .option("--formula <formula>", "lme4 formula (spec-less form)")
    .option("--data <file.csv>", "data CSV (spec-less form)")
    .option("--family <family>", "gaussian | bernoulli | binomial | poisson | negbinomial2 (spec-less form)")
    .option("--link <link>", "link function (default: canonical)")
    .option("--json", "print JSON (default when stdout is not a terminal)")
    .action(logDensityAction);
}

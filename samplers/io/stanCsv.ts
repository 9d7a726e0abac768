/**
 * Stan CSV (CmdStan's output format) for one chain: `#` comment header with the run configuration, the column
 * header (lp__, the six sampler columns, then parameters named as CmdStan does, theta[1] -> theta.1), the adaptation
 * block ("# Step size = ...", "# Diagonal elements of inverse mass matrix:"), one line per draw, and the timing
 * footer. Values are written with JavaScript's shortest round-trip formatting, so parsing gives the exact doubles.
 * @module
 */
import type { ChainOptions, ChainResult } from "../chains.js";

/** Run metadata written into the header comments: the chain settings plus the model and program names. */
export interface StanCsvMeta extends Pick<ChainOptions, "seed" | "warmup" | "draws" | "thin" | "adaptDelta" | "maxTreeDepth"> {
  /** Model name. */
  model: string;
  /** Program name / version line (default "glmm"). */
  program?: string;
}

/** A parsed Stan CSV file. */
export interface StanCsv {
  /** Column names as in the file. */
  columns: string[];
  /** Draws, row-major: values[d * columns.length + j]. */
  values: Float64Array;
  /** Number of draws (rows). */
  numDraws: number;
  /** The adapted step size ("# Step size = ..."), NaN when absent. */
  stepSize: number;
  /** Inverse metric from the adaptation block (diagonal, or row-major dense), empty when absent. */
  inverseMetric: Float64Array;
  /** `key = value` pairs from the header comments (e.g. seed, num_warmup, model). */
  config: Record<string, string>;
}

/** The sampler columns Stan writes after lp__. */
export const SAMPLER_COLUMNS = ["accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__"] as const;

/**
 * CmdStan's column name for an indexed parameter.
 *
 * @param name - e.g. "beta[2]" or "Sigma[1,2]"
 * @returns e.g. "beta.2", "Sigma.1.2"
 * @example
 * stanCsvColumnName("Sigma[1,2]"); // => "Sigma.1.2"
 */
export function stanCsvColumnName(name: string): string {
  return name.replace(/\[([^\]]*)\]/g, (_, idx: string) => "." + idx.split(",").map((s) => s.trim()).join("."));
}

function headerLines(chain: ChainResult, meta: StanCsvMeta): string[] {
  return [
    `# ${meta.program ?? "glmm"} (Stan-compatible output)`,
    `# model = ${meta.model}`,
    "# method = sample",
    "#   sample",
    `#     num_samples = ${meta.draws}`,
    `#     num_warmup = ${meta.warmup}`,
    "#     save_warmup = 0",
    `#     thin = ${meta.thin ?? 1}`,
    "#     adapt",
    "#       engaged = 1",
    `#       delta = ${meta.adaptDelta ?? 0.8}`,
    "#     algorithm = hmc",
    "#       hmc",
    "#         engine = nuts",
    "#           nuts",
    `#             max_depth = ${meta.maxTreeDepth ?? 10}`,
    `#         metric = ${chain.metric === "unit" ? "unit_e" : chain.metric === "dense" ? "dense_e" : "diag_e"}`,
    `# id = ${chain.chain + 1}`,
    "# random",
    `#   seed = ${meta.seed}`,
  ];
}

function adaptationLines(chain: ChainResult): string[] {
  const lines = ["# Adaptation terminated", `# Step size = ${chain.stepSize}`];
  const inv = chain.inverseMetric;
  if (chain.metric === "diag") {
    lines.push("# Diagonal elements of inverse mass matrix:", `# ${Array.from(inv).join(", ")}`);
  } else if (chain.metric === "dense") {
    const n = Math.round(Math.sqrt(inv.length));
    lines.push("# Elements of inverse mass matrix:");
    for (let i = 0; i < n; i++) lines.push(`# ${Array.from(inv.subarray(i * n, (i + 1) * n)).join(", ")}`);
  } else {
    lines.push("# No free parameters for unit metric");
  }
  return lines;
}

/**
 * Stan CSV text for one chain.
 *
 * @param chain - one chain's result from `runChain` / `sample`
 * @param meta - model name, seed, warmup, draws, thin, adaptDelta, maxTreeDepth
 * @returns the file contents
 * @example
 * writeStanCsv(fit.chains[0], { model: "m", seed: 1, warmup: 1000, draws: 1000 }).split("\n")[1]; // => "# model = m"
 */
export function writeStanCsv(chain: ChainResult, meta: StanCsvMeta): string {
  const s = chain.sampler;
  const width = chain.outputNames.length;
  const n = s.lp.length;
  const lines = headerLines(chain, meta);
  lines.push(["lp__", ...SAMPLER_COLUMNS, ...chain.outputNames.map(stanCsvColumnName)].join(","));
  lines.push(...adaptationLines(chain));
  const cols = [s.lp, s.acceptStat, s.stepSize, s.treeDepth, s.nLeapfrog, s.divergent, s.energy];
  for (let d = 0; d < n; d++) {
    const row: number[] = cols.map((c) => c[d]);
    for (let k = 0; k < width; k++) row.push(chain.draws[d * width + k]);
    lines.push(row.join(","));
  }
  const total = chain.warmupSeconds + chain.samplingSeconds;
  lines.push(
    "# ",
    `#  Elapsed Time: ${chain.warmupSeconds.toFixed(3)} seconds (Warm-up)`,
    `#                ${chain.samplingSeconds.toFixed(3)} seconds (Sampling)`,
    `#                ${total.toFixed(3)} seconds (Total)`,
    "# ",
  );
  return lines.join("\n") + "\n";
}

function parseAdaptation(comments: string[]): { stepSize: number; inverseMetric: Float64Array } {
  let stepSize = NaN;
  const inv: number[] = [];
  let inMetric = false;
  for (const c of comments) {
    const body = c.replace(/^#\s?/, "").trim();
    const m = /^Step size = (.+)$/.exec(body);
    if (m) stepSize = Number(m[1]);
    else if (/inverse mass matrix:$/.test(body)) inMetric = true;
    else if (inMetric && /^[-+0-9.eE, ]+$/.test(body) && body !== "") inv.push(...body.split(",").map(Number));
    else inMetric = false;
  }
  return { stepSize, inverseMetric: Float64Array.from(inv) };
}

/**
 * Parses a Stan CSV file (ours or CmdStan's).
 *
 * @param text - file contents
 * @returns columns, row-major values, step size, inverse metric and header config
 * @throws when a data row has the wrong number of fields or a non-numeric value
 * @example
 * parseStanCsv("lp__,x\n-1,2\n").values; // => Float64Array [-1, 2]
 */
export function parseStanCsv(text: string): StanCsv {
  const lines = text.split(/\r?\n/);
  const comments: string[] = [];
  const config: Record<string, string> = {};
  let columns: string[] | undefined;
  const values: number[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    if (line.startsWith("#")) {
      comments.push(line);
      const kv = /^#\s*([A-Za-z_]+) = (.*?)(?: \(Default\))?$/.exec(line);
      if (kv && !(kv[1] in config)) config[kv[1]] = kv[2];
      continue;
    }
    const fields = line.split(",");
    if (!columns) {
      columns = fields.map((f) => f.trim());
      continue;
    }
    if (fields.length !== columns.length) throw new Error(`Stan CSV line ${i + 1}: ${fields.length} fields, expected ${columns.length}.`);
    for (const f of fields) {
      const v = Number(f);
      if (Number.isNaN(v) && f.trim() !== "nan" && f.trim() !== "NaN") throw new Error(`Stan CSV line ${i + 1}: "${f}" is not a number.`);
      values.push(v);
    }
  }
  if (!columns) throw new Error("Stan CSV: no column header line found.");
  const { stepSize, inverseMetric } = parseAdaptation(comments);
  return { columns, values: Float64Array.from(values), numDraws: values.length / columns.length, stepSize, inverseMetric, config };
}

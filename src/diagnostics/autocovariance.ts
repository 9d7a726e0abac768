/**
 * FFT-based autocovariance of a sequence at every lag, as posterior's `autocovariance`: the "biased"
 * estimate (divisor N at every lag, Geyer 1992), scaled so that lag 0 equals `var(x) * (N - 1) / N`.
 *
 * posterior zero-pads to `2 * nextn(N)` for R's mixed-radix FFT; any padding to >= 2N - 1 gives the
 * same (non-circular) autocovariances, so we pad to the next power of two >= 2N for our radix-2 FFT.
 * Two real sequences are transformed with one complex FFT (real and imaginary parts).
 * @module
 */
import { fft, nextPowerOfTwo } from "./fft.js";
import { mean, variance } from "./moments.js";

/** Reusable FFT buffers for one padded size. */
export interface AcovWorkspace {
  re: Float64Array;
  im: Float64Array;
  /** summed power spectrum (for `meanAutocovariance`) */
  power: Float64Array;
}

/**
 * Allocate FFT buffers for sequences of length `n`.
 *
 * @param n - sequence length
 * @returns buffers of the padded length
 * @example
 * acovWorkspace(500).re.length; // => 1024
 */
export function acovWorkspace(n: number): AcovWorkspace {
  const m = nextPowerOfTwo(2 * n);
  return { re: new Float64Array(m), im: new Float64Array(m), power: new Float64Array(m) };
}

/**
 * Autocovariances of two sequences `x[offA..offA+n-1]` and `x[offB..offB+n-1]` at lags 0..n-1, written to
 * `out[offA..]` and `out[offB..]` (pass `offB = -1` for a single sequence).
 */
function acovPair(x: Float64Array, n: number, offA: number, offB: number, out: Float64Array, ws: AcovWorkspace): void {
  const { re, im } = ws;
  const m = re.length;
  const meanA = mean(x, offA, n);
  const meanB = offB >= 0 ? mean(x, offB, n) : 0;
  re.fill(0);
  im.fill(0);
  for (let i = 0; i < n; i++) {
    re[i] = x[offA + i] - meanA;
    if (offB >= 0) im[i] = x[offB + i] - meanB;
  }
  fft(re, im);
  // power spectra of the two real sequences: A = (Z[k] + conj Z[m-k]) / 2, B = (Z[k] - conj Z[m-k]) / 2i
  for (let k = 0; k <= m >> 1; k++) {
    const j = (m - k) & (m - 1);
    const zr = re[k], zi = im[k], wr = re[j], wi = im[j];
    const pa = ((zr + wr) * (zr + wr) + (zi - wi) * (zi - wi)) / 4;
    const pb = ((zi + wi) * (zi + wi) + (zr - wr) * (zr - wr)) / 4;
    re[k] = pa;
    im[k] = pb;
    re[j] = pa;
    im[j] = pb;
  }
  // the spectra are real and even, so the forward transform equals the inverse (up to the scale m)
  fft(re, im);
  scaleAcov(x, n, offA, meanA, re, out);
  if (offB >= 0) scaleAcov(x, n, offB, meanB, im, out);
}

/** posterior: `ac / ac[1] * var(x) * (N - 1) / N`, all zeros when var(x) == 0. */
function scaleAcov(x: Float64Array, n: number, off: number, mu: number, ac: Float64Array, out: Float64Array): void {
  const varx = variance(x, off, n, mu);
  if (varx === 0 || n < 2) {
    out.fill(varx === 0 ? 0 : NaN, off, off + n);
    return;
  }
  const scale = (varx * (n - 1)) / n / ac[0];
  for (let t = 0; t < n; t++) out[off + t] = ac[t] * scale;
}

/**
 * Autocovariances of every chain at every lag (chain `c` at `out[c * n + t]`).
 *
 * @param draws - chain-major draws of one parameter
 * @param nChains - number of chains
 * @param out - output buffer of `draws.length` (default: new array)
 * @param ws - FFT buffers from `acovWorkspace(n)` (default: new)
 * @returns `out`
 * @example
 * chainAutocovariances(new Float64Array([1, 2, 3, 4, 4, 3, 2, 1]), 2); // => [1.25, 0.3125, -0.375, -0.5625, 1.25, 0.3125, -0.375, -0.5625]
 */
export function chainAutocovariances(
  draws: Float64Array, nChains: number, out: Float64Array = new Float64Array(draws.length), ws?: AcovWorkspace,
): Float64Array {
  const n = draws.length / nChains;
  const w = ws ?? acovWorkspace(n);
  for (let c = 0; c < nChains; c += 2) {
    const second = c + 1 < nChains ? (c + 1) * n : -1;
    acovPair(draws, n, c * n, second, out, w);
  }
  return out;
}

/**
 * Autocovariance of one sequence at lags 0..N-1 (posterior's `autocovariance`).
 *
 * @param x - the sequence
 * @returns autocovariances; lag t is `sum_i (x_i - m)(x_{i+t} - m) / N`
 * @see posterior R/convergence.R `autocovariance`; Geyer (1992)
 * @example
 * autocovariance(new Float64Array([1, 2, 3, 4])); // => Float64Array [1.25, 0.3125, -0.375, -0.5625]
 */
export function autocovariance(x: Float64Array): Float64Array {
  return chainAutocovariances(x, 1);
}

/**
 * Mean over chains of the autocovariances at every lag, `out[t] = mean_c acov_c[t]`, with one inverse
 * transform: by linearity the mean of the inverse transforms of the chains' power spectra is the inverse
 * transform of their mean. Equal to averaging `chainAutocovariances` up to rounding.
 *
 * @param draws - chain-major draws of one parameter
 * @param nChains - number of chains
 * @param out - receives the n mean autocovariances (default: new array)
 * @param ws - FFT buffers from `acovWorkspace(n)` (default: new)
 * @returns `out`
 * @example
 * meanAutocovariance(new Float64Array([1, 2, 3, 4, 4, 3, 2, 1]), 2); // => [1.25, 0.3125, -0.375, -0.5625]
 */
export function meanAutocovariance(
  draws: Float64Array, nChains: number, out: Float64Array = new Float64Array(draws.length / nChains), ws?: AcovWorkspace,
): Float64Array {
  const n = draws.length / nChains;
  const w = ws ?? acovWorkspace(n);
  const { re, im, power } = w;
  const m = re.length;
  power.fill(0);
  for (let c = 0; c < nChains; c += 2) {
    re.fill(0);
    im.fill(0);
    const meanA = mean(draws, c * n, n);
    for (let i = 0; i < n; i++) re[i] = draws[c * n + i] - meanA;
    if (c + 1 < nChains) {
      const meanB = mean(draws, (c + 1) * n, n);
      for (let i = 0; i < n; i++) im[i] = draws[(c + 1) * n + i] - meanB;
    }
    fft(re, im);
    // |A_k|^2 + |B_k|^2 with A = (Z_k + conj Z_{m-k}) / 2, B = (Z_k - conj Z_{m-k}) / 2i
    for (let k = 0; k < m; k++) {
      const j = (m - k) & (m - 1);
      const zr = re[k], zi = im[k], wr = re[j], wi = im[j];
      power[k] += ((zr + wr) * (zr + wr) + (zi - wi) * (zi - wi) + (zi + wi) * (zi + wi) + (zr - wr) * (zr - wr)) / 4;
    }
  }
  re.set(power);
  im.fill(0);
  fft(re, im); // the summed spectrum is real and even: forward = m * inverse
  const scale = 1 / (m * n * nChains);
  for (let t = 0; t < n; t++) out[t] = re[t] * scale;
  return out;
}

/**
 * A small in-place radix-2 complex FFT on split real/imaginary `Float64Array`s, with twiddle tables cached
 * per size. Enough for autocovariances (sizes are padded to a power of two).
 * @module
 */

interface FftTables {
  /** twiddles of the stage with half-size h at [h - 1 .. 2h - 2]: cos(pi k / h) and -sin(pi k / h) */
  wr: Float64Array;
  wi: Float64Array;
  rev: Uint32Array;
}

const cache = new Map<number, FftTables>();

function tables(m: number): FftTables {
  let t = cache.get(m);
  if (t === undefined) {
    const wr = new Float64Array(Math.max(m - 1, 1));
    const wi = new Float64Array(Math.max(m - 1, 1));
    for (let h = 1; h < m; h *= 2) {
      for (let k = 0; k < h; k++) {
        wr[h - 1 + k] = Math.cos((Math.PI * k) / h);
        wi[h - 1 + k] = -Math.sin((Math.PI * k) / h);
      }
    }
    const bits = Math.round(Math.log2(m));
    const rev = new Uint32Array(m);
    for (let i = 0; i < m; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
      rev[i] = r;
    }
    t = { wr, wi, rev };
    cache.set(m, t);
  }
  return t;
}

/**
 * Smallest power of two that is >= n.
 *
 * @param n - a positive integer
 * @returns the power of two
 * @example
 * nextPowerOfTwo(1000); // => 1024
 * nextPowerOfTwo(1024); // => 1024
 */
export function nextPowerOfTwo(n: number): number {
  let m = 1;
  while (m < n) m *= 2;
  return m;
}

/**
 * Forward discrete Fourier transform, in place: `X[k] = sum_j x[j] exp(-2 pi i j k / m)`.
 *
 * @param re - real parts (length m, a power of two); overwritten by the transform
 * @param im - imaginary parts (length m); overwritten by the transform
 * @returns nothing; `re`/`im` hold the result
 * @throws RangeError when the length is not a power of two
 * @example
 * const re = new Float64Array([1, 1, 1, 1]), im = new Float64Array(4);
 * fft(re, im); // re => [4, 0, 0, 0], im => [0, 0, 0, 0]
 */
export function fft(re: Float64Array, im: Float64Array): void {
  const m = re.length;
  if (m === 0 || (m & (m - 1)) !== 0 || im.length !== m) {
    throw new RangeError(`fft needs two arrays of the same power-of-two length, got ${m} and ${im.length}`);
  }
  const { wr, wi, rev } = tables(m);
  for (let i = 0; i < m; i++) {
    const j = rev[i];
    if (j > i) {
      const tr = re[i];
      re[i] = re[j];
      re[j] = tr;
      const ti = im[i];
      im[i] = im[j];
      im[j] = ti;
    }
  }
  for (let half = 1; half < m; half *= 2) {
    const size = 2 * half;
    for (let k = 0; k < half; k++) {
      const cr = wr[half - 1 + k];
      const ci = wi[half - 1 + k];
      for (let a = k; a < m; a += size) {
        const b = a + half;
        const xr = re[b] * cr - im[b] * ci;
        const xi = re[b] * ci + im[b] * cr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

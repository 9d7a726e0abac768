/**
 * Central finite differences (4-point Richardson, O(h^4)) and the tolerance check used by every gradient test:
 * relative 1e-6, or absolute 1e-8 near zero.
 */
export function fdGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-4): Float64Array {
  const g = new Float64Array(x.length);
  const y = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const at = (d: number) => { y[i] = v + d; const r = f(y); y[i] = v; return r; };
    g[i] = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
  }
  return g;
}

/** Largest violation of |a - b| <= max(1e-6 * |b|, 1e-8); returns the worst index and errors for messages. */
export function gradientMismatch(analytic: Float64Array, numeric: Float64Array): { index: number; abs: number; rel: number } | null {
  let worst: { index: number; abs: number; rel: number } | null = null;
  for (let i = 0; i < analytic.length; i++) {
    const abs = Math.abs(analytic[i] - numeric[i]);
    const rel = abs / Math.max(Math.abs(numeric[i]), 1e-300);
    if (abs > 1e-8 && rel > 1e-6 && (!worst || rel > worst.rel)) worst = { index: i, abs, rel };
  }
  return worst;
}

/**
 * Full quadratic interpolation model for {@link bobyqa}: through (n+1)(n+2)/2 points, in coordinates
 * centred at the best point and scaled by the trust radius, by one dense LU solve; also gives the
 * Lagrange functions of the interpolation set (for choosing which point a new one replaces).
 * @module
 */

/** A quadratic model m(x_b + d) = f_b + g'd + d'Hd/2 and the Lagrange functions of its points. */
export interface QuadraticModel {
  readonly g: Float64Array;
  /** Row-major n x n. */
  readonly H: Float64Array;
  /** Values of the m Lagrange functions at x. */
  lagrangeAt(x: ArrayLike<number>): Float64Array;
}

/**
 * Basis of the quadratics at s: 1, s_i, s_i^2 / 2, s_i s_j (i > j).
 * @param s - scaled offset, length n
 * @returns the (n+1)(n+2)/2 basis values
 * @example
 * quadraticBasis(new Float64Array([2])); // => [1, 2, 2]
 */
export function quadraticBasis(s: ArrayLike<number>): Float64Array {
  const n = s.length;
  const phi = new Float64Array(((n + 1) * (n + 2)) / 2);
  phi[0] = 1;
  let t = 1;
  for (let i = 0; i < n; i++) phi[t++] = s[i];
  for (let i = 0; i < n; i++) phi[t++] = 0.5 * s[i] * s[i];
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) phi[t++] = s[i] * s[j];
  return phi;
}

/**
 * Interpolating quadratic through the points.
 * @param pts - m = (n+1)(n+2)/2 points
 * @param fs - their values
 * @param xb - centre (the best point)
 * @param scale - coordinate scale (the trust radius)
 * @returns the model, or null when the points do not determine a quadratic (singular system)
 * @example
 * fitQuadratic(pts, pts.map(p => p[0] ** 2), pts[0], 1)!.H; // => [2] for n = 1
 */
export function fitQuadratic(pts: readonly Float64Array[], fs: readonly number[], xb: Float64Array, scale: number): QuadraticModel | null {
  const n = xb.length, m = pts.length;
  const scaled = (x: ArrayLike<number>) => Float64Array.from({ length: n }, (_, i) => (x[i] - xb[i]) / scale);
  const Phi = new Float64Array(m * m);
  pts.forEach((p, r) => Phi.set(quadraticBasis(scaled(p)), r * m));
  const inv = invert(Phi, m);
  if (inv === null) return null;
  const c = new Float64Array(m);
  for (let u = 0; u < m; u++) { let s = 0; for (let t = 0; t < m; t++) s += inv[u * m + t] * fs[t]; c[u] = s; }
  const g = new Float64Array(n), H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) { g[i] = c[1 + i] / scale; H[i * n + i] = c[1 + n + i] / (scale * scale); }
  let t = 1 + 2 * n;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) { H[i * n + j] = H[j * n + i] = c[t++] / (scale * scale); }
  return {
    g, H,
    lagrangeAt(x) {
      const phi = quadraticBasis(scaled(x));
      const ell = new Float64Array(m);
      for (let u = 0; u < m; u++) { const pu = phi[u]; if (pu !== 0) for (let k = 0; k < m; k++) ell[k] += inv[u * m + k] * pu; }
      return ell;
    },
  };
}

/** Inverse by Gauss-Jordan with partial pivoting; null when a pivot is negligible. */
function invert(A: Float64Array, m: number): Float64Array | null {
  const a = Float64Array.from(A), inv = new Float64Array(m * m);
  for (let i = 0; i < m; i++) inv[i * m + i] = 1;
  let scale = 0;
  for (const v of a) scale = Math.max(scale, Math.abs(v));
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r * m + c]) > Math.abs(a[p * m + c])) p = r;
    if (!(Math.abs(a[p * m + c]) > 1e-11 * scale)) return null;
    if (p !== c) for (let k = 0; k < m; k++) { swap(a, p * m + k, c * m + k); swap(inv, p * m + k, c * m + k); }
    const piv = 1 / a[c * m + c];
    for (let k = 0; k < m; k++) { a[c * m + k] *= piv; inv[c * m + k] *= piv; }
    for (let r = 0; r < m; r++) {
      const fct = a[r * m + c];
      if (r === c || fct === 0) continue;
      for (let k = 0; k < m; k++) { a[r * m + k] -= fct * a[c * m + k]; inv[r * m + k] -= fct * inv[c * m + k]; }
    }
  }
  return inv;
}

function swap(x: Float64Array, i: number, j: number): void { const t = x[i]; x[i] = x[j]; x[j] = t; }

/**
 * Smallest eigenvalue of a small symmetric matrix (cyclic Jacobi rotations).
 * @param H - row-major n x n symmetric
 * @param n - dimension
 * @returns the smallest eigenvalue
 * @example
 * minEigenvalue(new Float64Array([2, 1, 1, 2]), 2); // => 1
 */
export function minEigenvalue(H: Float64Array, n: number): number {
  const a = Float64Array.from(H);
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off <= 1e-30) break;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) rotate(a, n, p, q);
  }
  let m = Infinity;
  for (let i = 0; i < n; i++) m = Math.min(m, a[i * n + i]);
  return m;
}

/** One Jacobi rotation zeroing a[p][q]. */
function rotate(a: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q];
  if (apq === 0) return;
  const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1), s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p], akq = a[k * n + q];
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k], aqk = a[q * n + k];
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
}

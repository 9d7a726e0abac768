/**
 * Trust-region step of {@link bobyqa} within a box: minimise g'd + d'Hd/2 subject to |d| <= delta and
 * lo <= d <= hi, by truncated conjugate gradients (Steihaug) that fix a variable when the path reaches
 * its bound and restart (Powell's TRSBOX, without its final boundary refinement).
 * @module
 */

/**
 * Approximate minimiser of the quadratic model in the box-constrained trust region.
 * @param g - model gradient at 0
 * @param H - model Hessian, row-major n x n
 * @param delta - trust radius
 * @param lo - lower bounds on d (<= 0)
 * @param hi - upper bounds on d (>= 0)
 * @returns the step d
 * @example
 * boxTrustRegionStep(new Float64Array([-2]), new Float64Array([1]), 10, new Float64Array([-5]), new Float64Array([1])); // => [1]
 */
export function boxTrustRegionStep(g: Float64Array, H: Float64Array, delta: number, lo: Float64Array, hi: Float64Array): Float64Array {
  const n = g.length;
  const d = new Float64Array(n);
  const free = Uint8Array.from(g, (gi, i) => ((lo[i] >= 0 && gi > 0) || (hi[i] <= 0 && gi < 0) ? 0 : 1));
  for (let restart = 0; restart <= n; restart++) {
    const r = residual(g, H, d, free);
    let rr = dotv(r, r);
    if (rr <= 1e-30 * (dotv(g, g) + 1e-300)) break;
    const p = Float64Array.from(r);
    let hitBound = false;
    for (let it = 0; it < n; it++) {
      const Hp = matvec(H, p, free);
      const curv = dotv(p, Hp);
      const tauBall = ballStep(d, p, delta);
      const { tau: tauBox, index } = boxStep(d, p, lo, hi, free);
      const tauMax = Math.min(tauBall, tauBox);
      const tau = curv > 0 ? Math.min(rr / curv, tauMax) : tauMax;
      for (let i = 0; i < n; i++) d[i] += tau * p[i];
      if (tau === tauBox && tauBox <= tauBall) {
        d[index] = p[index] > 0 ? hi[index] : lo[index];
        free[index] = 0;
        hitBound = true;
        break;
      }
      if (tau === tauBall) return d;
      for (let i = 0; i < n; i++) r[i] -= tau * Hp[i];
      const rrNew = dotv(r, r);
      if (rrNew <= 1e-24 * rr) return d;
      for (let i = 0; i < n; i++) p[i] = r[i] + (rrNew / rr) * p[i];
      rr = rrNew;
    }
    if (!hitBound) break;
  }
  return d;
}

function residual(g: Float64Array, H: Float64Array, d: Float64Array, free: Uint8Array): Float64Array {
  const n = g.length, r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!free[i]) continue;
    let s = g[i];
    for (let j = 0; j < n; j++) s += H[i * n + j] * d[j];
    r[i] = -s;
  }
  return r;
}

function matvec(H: Float64Array, p: Float64Array, free: Uint8Array): Float64Array {
  const n = p.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!free[i]) continue;
    let s = 0;
    for (let j = 0; j < n; j++) s += H[i * n + j] * p[j];
    out[i] = s;
  }
  return out;
}

/** Largest tau >= 0 with |d + tau p| <= delta. */
function ballStep(d: Float64Array, p: Float64Array, delta: number): number {
  const pp = dotv(p, p), dp = dotv(d, p), dd = dotv(d, d);
  if (pp === 0) return Infinity;
  const disc = Math.max(0, dp * dp + pp * (delta * delta - dd));
  return Math.max(0, (-dp + Math.sqrt(disc)) / pp);
}

/** Largest tau with lo <= d + tau p <= hi over the free variables, and the variable that binds. */
function boxStep(d: Float64Array, p: Float64Array, lo: Float64Array, hi: Float64Array, free: Uint8Array): { tau: number; index: number } {
  let tau = Infinity, index = -1;
  for (let i = 0; i < d.length; i++) {
    if (!free[i] || p[i] === 0) continue;
    const t = p[i] > 0 ? (hi[i] - d[i]) / p[i] : (lo[i] - d[i]) / p[i];
    if (t < tau) { tau = Math.max(0, t); index = i; }
  }
  return { tau, index };
}

function dotv(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Forward (theta -> b, with priors and log-Jacobians) and reverse (dlogp/db -> dlogp/dtheta) passes of one
 * random-effect term. Non-centered (Stan's reference programs): b_j = diag(sd) L z_j per level j, z ~ N(0, I);
 * known covariance: b = sd F z with F F' = K. Centered: b_j ~ N(0, diag(sd) L L' diag(sd)) directly.
 * sd = exp(theta) (log-Jacobian theta), L from canonical partial correlations (transforms/corrCholesky.ts).
 * @module
 */
import { lkjCholeskyLogDensity } from "../densities/lkj.js";
import { corrCholeskyForward, corrCholeskyReverse } from "../transforms/corrCholesky.js";
import { TermKind, type TermState } from "./termState.js";

/** log(2 pi) / 2, the constant of each standard normal log density term. */
export const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Forward pass: fills t.b (and t.sd, t.L, t.M) and zeroes t.gb.
 *
 * @returns the term's log prior (sd prior + Jacobian, LKJ + Jacobian, N(0,1) on z or the centered N(0, Sigma) on b)
 */
export function forwardTerm(t: TermState, theta: Float64Array): number {
  const { k, sd, sdOff } = t;
  let lp = 0;
  for (let a = 0; a < k; a++) {
    const u = theta[sdOff + a];
    sd[a] = Math.exp(u);
    const pr = t.sdPriors[a];
    lp += u + (pr ? pr.logDensity(sd[a]) : 0);
  }
  if (t.kind === TermKind.Correlated) {
    lp += corrCholeskyForward(theta, t.cpcOff, k, t.L, t.rowSq);
    lp += lkjCholeskyLogDensity(t.L, k, t.lkjEta, t.lkjLogNorm, null);
    for (let a = 0; a < k; a++) for (let c = 0; c <= a; c++) t.M[a * k + c] = sd[a] * t.L[a * k + c];
  }
  t.gb.fill(0);
  if (t.centered) return lp + (t.kind === TermKind.Scalar ? centeredScalarForward(t, theta) : centeredCorrForward(t, theta));
  const m = t.nLev * k, z0 = t.zOff;
  for (let i = 0; i < m; i++) lp -= 0.5 * theta[z0 + i] * theta[z0 + i] + HALF_LOG_2PI;
  if (t.kind === TermKind.Scalar) {
    const s = sd[0], b = t.b;
    for (let j = 0; j < m; j++) b[j] = s * theta[z0 + j];
  } else if (t.kind === TermKind.Known) knownForward(t, theta);
  else correlatedForward(t, theta);
  return lp;
}

function correlatedForward(t: TermState, theta: Float64Array): void {
  const { k, M, b, nLev, zOff } = t;
  for (let j = 0; j < nLev; j++) {
    const o = j * k;
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let c = 0; c <= a; c++) s += M[a * k + c] * theta[zOff + o + c];
      b[o + a] = s;
    }
  }
}

/**
 * b[perm[i]] = sd * sum_{c <= min(i, rank-1)} L[i, c] z_c; work[i] keeps (L z)_i for the reverse pass. Rows are
 * taken in pairs (z loaded once for both; row i+1 has at most one more entry).
 */
function knownForward(t: TermState, theta: Float64Array): void {
  const { L, perm, rank } = t.F!, m = t.nLev, Fz = t.work, s = t.sd[0], z0 = t.zOff;
  for (let i = 0; i < m; i += 2) {
    const r0 = i * m, t0 = i < rank ? i + 1 : rank;
    if (i + 1 === m) {
      let acc = 0;
      for (let c = 0; c < t0; c++) acc += L[r0 + c] * theta[z0 + c];
      Fz[i] = acc;
      t.b[perm[i]] = s * acc;
      break;
    }
    const r1 = r0 + m, t1 = i + 1 < rank ? i + 2 : rank;
    let a0 = 0, a1 = 0;
    for (let c = 0; c < t0; c++) {
      const z = theta[z0 + c];
      a0 += L[r0 + c] * z;
      a1 += L[r1 + c] * z;
    }
    for (let c = t0; c < t1; c++) a1 += L[r1 + c] * theta[z0 + c];
    Fz[i] = a0;
    Fz[i + 1] = a1;
    t.b[perm[i]] = s * a0;
    t.b[perm[i + 1]] = s * a1;
  }
}

function centeredScalarForward(t: TermState, theta: Float64Array): number {
  const s = t.sd[0], m = t.nLev, inv = 1 / (s * s);
  let ss = 0;
  for (let j = 0; j < m; j++) {
    const v = theta[t.zOff + j];
    t.b[j] = v;
    ss += v * v;
  }
  return -m * (HALF_LOG_2PI + Math.log(s)) - 0.5 * ss * inv;
}

function centeredCorrForward(t: TermState, theta: Float64Array): number {
  const { k, nLev, L, sd, b, work: W } = t;
  let lp = 0;
  for (let a = 0; a < k; a++) lp -= nLev * (HALF_LOG_2PI + Math.log(sd[a]) + Math.log(L[a * k + a]));
  for (let j = 0; j < nLev; j++) {
    const o = j * k;
    for (let a = 0; a < k; a++) {
      const v = theta[t.zOff + o + a];
      b[o + a] = v;
      let s = v / sd[a]; // u_a, then forward solve L w = u
      for (let c = 0; c < a; c++) s -= L[a * k + c] * W[o + c];
      W[o + a] = s / L[a * k + a];
      lp -= 0.5 * W[o + a] * W[o + a];
    }
  }
  return lp;
}

/**
 * Reverse pass: t.gb holds dlogp/db from the likelihood; adds dlogp/dtheta of the whole term into grad.
 */
export function reverseTerm(t: TermState, theta: Float64Array, grad: Float64Array): void {
  const { k, sd, gsd } = t;
  gsd.fill(0);
  if (t.kind === TermKind.Scalar) {
    if (t.centered) centeredScalarReverse(t, theta, grad);
    else scalarReverse(t, theta, grad);
  } else if (t.kind === TermKind.Known) knownReverse(t, theta, grad);
  else {
    t.gM.fill(0);
    t.gL.fill(0);
    if (t.centered) centeredCorrReverse(t, theta, grad);
    else correlatedReverse(t, theta, grad);
    for (let a = 0; a < k; a++) for (let c = 0; c <= a; c++) {
      gsd[a] += t.gM[a * k + c] * t.L[a * k + c];
      t.gL[a * k + c] += sd[a] * t.gM[a * k + c];
    }
    lkjCholeskyLogDensity(t.L, k, t.lkjEta, t.lkjLogNorm, t.gL);
    corrCholeskyReverse(theta, t.cpcOff, k, t.L, t.rowSq, t.gL, grad);
  }
  for (let a = 0; a < k; a++) {
    const pr = t.sdPriors[a];
    const g = gsd[a] + (pr ? pr.gradient(sd[a]) : 0);
    grad[t.sdOff + a] += sd[a] * g + 1;
  }
}

function scalarReverse(t: TermState, theta: Float64Array, grad: Float64Array): void {
  const s = t.sd[0], gb = t.gb, z0 = t.zOff;
  let gs = 0;
  for (let j = 0; j < t.nLev; j++) {
    const z = theta[z0 + j];
    gs += gb[j] * z;
    grad[z0 + j] += s * gb[j] - z;
  }
  t.gsd[0] = gs;
}

function knownReverse(t: TermState, theta: Float64Array, grad: Float64Array): void {
  const { L, perm, rank } = t.F!, m = t.nLev, s = t.sd[0], gb = t.gb, z0 = t.zOff;
  let gs = 0;
  for (let c = 0; c < m; c++) grad[z0 + c] -= theta[z0 + c];
  for (let i = 0; i < m; i += 2) { // pairs of rows: grad[z] loaded and stored once per two rows
    const g0 = gb[perm[i]], sg0 = s * g0, r0 = i * m, t0 = i < rank ? i + 1 : rank;
    gs += g0 * t.work[i];
    if (i + 1 === m) {
      for (let c = 0; c < t0; c++) grad[z0 + c] += sg0 * L[r0 + c];
      break;
    }
    const g1 = gb[perm[i + 1]], sg1 = s * g1, r1 = r0 + m, t1 = i + 1 < rank ? i + 2 : rank;
    gs += g1 * t.work[i + 1];
    for (let c = 0; c < t0; c++) grad[z0 + c] += sg0 * L[r0 + c] + sg1 * L[r1 + c];
    for (let c = t0; c < t1; c++) grad[z0 + c] += sg1 * L[r1 + c];
  }
  t.gsd[0] = gs;
}

function correlatedReverse(t: TermState, theta: Float64Array, grad: Float64Array): void {
  const { k, M, gM, gb, nLev, zOff } = t;
  for (let j = 0; j < nLev; j++) {
    const o = zOff + j * k;
    for (let c = 0; c < k; c++) grad[o + c] -= theta[o + c];
    for (let a = 0; a < k; a++) {
      const g = gb[j * k + a];
      for (let c = 0; c <= a; c++) {
        gM[a * k + c] += g * theta[o + c];
        grad[o + c] += M[a * k + c] * g;
      }
    }
  }
}

function centeredScalarReverse(t: TermState, theta: Float64Array, grad: Float64Array): void {
  const s = t.sd[0], inv = 1 / (s * s);
  let ss = 0;
  for (let j = 0; j < t.nLev; j++) {
    const v = theta[t.zOff + j];
    ss += v * v;
    grad[t.zOff + j] += t.gb[j] - v * inv;
  }
  t.gsd[0] = -t.nLev / s + ss * inv / s;
}

function centeredCorrReverse(t: TermState, theta: Float64Array, grad: Float64Array): void {
  const { k, nLev, L, sd, gL, gsd, work: W, tmp: gu } = t;
  for (let j = 0; j < nLev; j++) {
    const o = j * k;
    for (let a = k - 1; a >= 0; a--) { // back solve L' v = w; gu = -v
      let s = W[o + a];
      for (let c = a + 1; c < k; c++) s -= L[c * k + a] * -gu[c];
      gu[a] = -s / L[a * k + a];
    }
    for (let a = 0; a < k; a++) {
      const u = theta[t.zOff + o + a] / sd[a];
      grad[t.zOff + o + a] += t.gb[o + a] + gu[a] / sd[a];
      gsd[a] -= (gu[a] * u) / sd[a];
      for (let c = 0; c <= a; c++) gL[a * k + c] -= gu[a] * W[o + c];
    }
  }
  for (let a = 0; a < k; a++) {
    gsd[a] -= nLev / sd[a];
    gL[a * k + a] -= nLev / L[a * k + a];
  }
}

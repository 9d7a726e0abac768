import { describe, expect, it } from "vitest";
import { lkjCholeskyLogDensity, lkjLogNormaliser } from "../../src/densities/lkj.js";
import { corrCholeskyForward } from "../../src/transforms/corrCholesky.js";

/** integral over the unconstrained cpc space of exp(LKJ on L + log-Jacobian), midpoint rule on [-B, B]^d */
function integrate(K: number, eta: number, B: number, m: number): number {
  const d = (K * (K - 1)) / 2, h = (2 * B) / m;
  const th = new Float64Array(d), L = new Float64Array(K * K), sq = new Float64Array(d);
  const c = lkjLogNormaliser(eta, K);
  let total = 0;
  const idx = new Array<number>(d).fill(0);
  for (let count = 0; count < m ** d; count++) {
    let r = count;
    for (let i = 0; i < d; i++) { idx[i] = r % m; r = Math.floor(r / m); th[i] = -B + (idx[i] + 0.5) * h; }
    const lj = corrCholeskyForward(th, 0, K, L, sq);
    total += Math.exp(lj + lkjCholeskyLogDensity(L, K, eta, c, null));
  }
  return total * h ** d;
}

describe("LKJ on the Cholesky factor with the cpc transform is a normalised density", () => {
  it("K = 2: integrates to 1 for eta = 1, 2, 4", () => {
    for (const eta of [1, 2, 4]) expect(integrate(2, eta, 12, 4000)).toBeCloseTo(1, 6);
  });
  it("K = 3: integrates to 1 for eta = 1, 2 (grid 70^3)", () => {
    for (const eta of [1, 2]) expect(integrate(3, eta, 9, 70)).toBeCloseTo(1, 3);
  });
  it("normaliser: K = 2 is 2^(2 eta - 1) B(eta, eta)", () => {
    expect(lkjLogNormaliser(1, 2)).toBeCloseTo(Math.LN2, 14);
    expect(lkjLogNormaliser(2, 2)).toBeCloseTo(Math.log(8 / 6), 14); // 2^3 * B(2,2) = 8/6
  });
});

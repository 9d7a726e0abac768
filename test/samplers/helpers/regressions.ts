/** Hand-written posteriordb regression log densities (unconstrained: log sigma with its Jacobian). */
import type { SamplerModel } from "../../../samplers/chains.js";

/** sblrc-blr: beta ~ N(0, 10), sigma ~ half-N(0, 10), y ~ N(X beta, sigma); theta = (beta[1..D], log sigma). */
export function sblrcModel(d: { N: number; D: number; X: number[][]; y: number[] }): SamplerModel {
  const { N, D, X, y } = d;
  const r = new Float64Array(N);
  return {
    dim: D + 1,
    logDensity: (t, g) => {
      const u = t[D];
      const s2 = Math.exp(2 * u);
      let lp = -0.5 * s2 / 100 + u;
      for (let j = 0; j < D; j++) {
        lp -= 0.5 * (t[j] / 10) ** 2;
        g[j] = -t[j] / 100;
      }
      let ss = 0;
      for (let i = 0; i < N; i++) {
        let eta = 0;
        for (let j = 0; j < D; j++) eta += X[i][j] * t[j];
        r[i] = y[i] - eta;
        ss += r[i] * r[i];
        for (let j = 0; j < D; j++) g[j] += (r[i] * X[i][j]) / s2;
      }
      lp += -N * u - (0.5 * ss) / s2;
      g[D] = -s2 / 100 + 1 - N + ss / s2;
      return lp;
    },
    outputNames: [...Array.from({ length: D }, (_, j) => `beta[${j + 1}]`), "sigma"],
    output: (t, out) => {
      for (let j = 0; j < D; j++) out[j] = t[j];
      out[D] = Math.exp(t[D]);
    },
  };
}

/** kilpisjarvi: alpha ~ N(pmualpha, psalpha), beta ~ N(pmubeta, psbeta), sigma flat; y ~ N(alpha + beta x, sigma). */
export function kilpisjarviModel(d: { N: number; x: number[]; y: number[]; pmualpha: number; psalpha: number; pmubeta: number; psbeta: number }): SamplerModel {
  return {
    dim: 3,
    logDensity: (t, g) => {
      const [a, b, u] = [t[0], t[1], t[2]];
      const s2 = Math.exp(2 * u);
      let lp = -0.5 * ((a - d.pmualpha) / d.psalpha) ** 2 - 0.5 * ((b - d.pmubeta) / d.psbeta) ** 2 + u - d.N * u;
      let ga = -(a - d.pmualpha) / d.psalpha ** 2;
      let gb = -(b - d.pmubeta) / d.psbeta ** 2;
      let ss = 0;
      for (let i = 0; i < d.N; i++) {
        const r = d.y[i] - a - b * d.x[i];
        ss += r * r;
        ga += r / s2;
        gb += (r * d.x[i]) / s2;
      }
      lp -= (0.5 * ss) / s2;
      g[0] = ga;
      g[1] = gb;
      g[2] = 1 - d.N + ss / s2;
      return lp;
    },
    outputNames: ["alpha", "beta", "sigma"],
    output: (t, out) => {
      out[0] = t[0];
      out[1] = t[1];
      out[2] = Math.exp(t[2]);
    },
  };
}

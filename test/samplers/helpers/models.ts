/** Hand-written log densities for the sampler tests. */
import type { LogDensityFn } from "../../../src/types.js";
import type { SamplerModel } from "../../../samplers/chains.js";

/** iid standard normal in `dim` dimensions. */
export function stdNormal(dim: number): SamplerModel {
  const logDensity: LogDensityFn = (t, g) => {
    let lp = 0;
    for (let i = 0; i < dim; i++) {
      lp -= 0.5 * t[i] * t[i];
      g[i] = -t[i];
    }
    return lp;
  };
  return { dim, logDensity };
}

/** Zero-mean bivariate normal with sds s1, s2 and correlation r. */
export function corrNormal2(s1: number, s2: number, r: number, mean: [number, number] = [0, 0]): SamplerModel {
  const det = s1 * s1 * s2 * s2 * (1 - r * r);
  const p11 = (s2 * s2) / det;
  const p22 = (s1 * s1) / det;
  const p12 = (-r * s1 * s2) / det;
  const logDensity: LogDensityFn = (t, g) => {
    const a = t[0] - mean[0];
    const b = t[1] - mean[1];
    g[0] = -(p11 * a + p12 * b);
    g[1] = -(p12 * a + p22 * b);
    return -0.5 * (p11 * a * a + 2 * p12 * a * b + p22 * b * b);
  };
  return { dim: 2, logDensity };
}

/**
 * Eight schools, non-centred: unconstrained (mu, log tau, theta_trans[1..8]); mu ~ N(0, 5), tau ~ half-Cauchy(0, 5)
 * (+ log Jacobian of tau = exp(u)), theta_trans ~ N(0, 1), y_j ~ N(mu + tau theta_trans_j, sigma_j).
 * Outputs theta[1..8], mu, tau (the reference's order).
 */
export function eightSchoolsNoncentered(y: number[], sigma: number[]): SamplerModel {
  const J = y.length;
  const logDensity: LogDensityFn = (t, g) => {
    const mu = t[0];
    const tau = Math.exp(t[1]);
    let lp = -0.5 * (mu / 5) ** 2 + t[1] - Math.log1p((tau / 5) ** 2);
    g[0] = -mu / 25;
    g[1] = 1 - (2 * (tau / 5) ** 2) / (1 + (tau / 5) ** 2);
    for (let j = 0; j < J; j++) {
      const z = t[2 + j];
      const r = (y[j] - mu - tau * z) / sigma[j];
      lp += -0.5 * z * z - 0.5 * r * r;
      const dr = r / sigma[j];
      g[0] += dr;
      g[1] += dr * tau * z;
      g[2 + j] = -z + dr * tau;
    }
    return lp;
  };
  const outputNames = [...y.map((_, j) => `theta[${j + 1}]`), "mu", "tau"];
  const output = (t: Float64Array, out: Float64Array): void => {
    const tau = Math.exp(t[1]);
    for (let j = 0; j < J; j++) out[j] = t[0] + tau * t[2 + j];
    out[J] = t[0];
    out[J + 1] = tau;
  };
  return { dim: J + 2, logDensity, output, outputNames };
}

/** A scripted uniform source: returns `values` in order, then `rest` forever; counts calls. */
export function scriptedRng(values: number[], rest: number): { rng: () => number; calls: () => number } {
  let k = 0;
  return { rng: () => (k < values.length ? values[k++] : (k++, rest)), calls: () => k };
}

/**
 * Eight schools, centred (the funnel): unconstrained (mu, log tau, theta[1..8]); theta_j ~ N(mu, tau).
 * Outputs theta[1..8], mu, tau.
 */
export function eightSchoolsCentered(y: number[], sigma: number[]): SamplerModel {
  const J = y.length;
  const logDensity: LogDensityFn = (t, g) => {
    const mu = t[0];
    const tau = Math.exp(t[1]);
    let lp = -0.5 * (mu / 5) ** 2 + t[1] - Math.log1p((tau / 5) ** 2) - J * t[1];
    g[0] = -mu / 25;
    g[1] = 1 - (2 * (tau / 5) ** 2) / (1 + (tau / 5) ** 2) - J;
    for (let j = 0; j < J; j++) {
      const th = t[2 + j];
      const z = (th - mu) / tau;
      const r = (y[j] - th) / sigma[j];
      lp += -0.5 * z * z - 0.5 * r * r;
      g[0] += z / tau;
      g[1] += z * z;
      g[2 + j] = -z / tau + r / sigma[j];
    }
    return lp;
  };
  const outputNames = [...y.map((_, j) => `theta[${j + 1}]`), "mu", "tau"];
  const output = (t: Float64Array, out: Float64Array): void => {
    for (let j = 0; j < J; j++) out[j] = t[2 + j];
    out[J] = t[0];
    out[J + 1] = Math.exp(t[1]);
  };
  return { dim: J + 2, logDensity, output, outputNames };
}

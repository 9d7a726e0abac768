/**
 * The eigenbasis compilation of kinship_sim (rotatedKnown.ts) against the triangular-factor compilation: the same
 * log density up to an orthogonal change of the z coordinates, the same outputs, an exact gradient.
 */
import { describe, expect, it } from "vitest";
import { compileDesign } from "../../src/compile/index.js";
import { rotatableKnown } from "../../src/compile/rotatedKnown.js";
import { makeRng, normal } from "../../src/rng.js";
import { loadSpec } from "../../src/spec/index.js";
import { syntheticDesign } from "./syntheticDesigns.js";

describe("kinship_sim compiled in the eigenbasis of K", () => {
  const { design, priors } = loadSpec("test/fixtures/cases/kinship_sim/spec.json");
  const rot = compileDesign(design, priors), tri = compileDesign(design, priors, { rotateKnownCovariance: false });
  const K = design.terms[0].knownCovariance!, m = 400, rng = makeRng(31);

  /** Named values with random beta, sd, sigma and b = K a (in the range of the singular K). */
  function randomValues(): Record<string, number> {
    const a = Array.from({ length: m }, () => normal(rng)), v: Record<string, number> = {
      "(Intercept)": normal(rng), x: normal(rng), "sd__id__(Intercept)": Math.exp(0.5 * normal(rng)), sigma: Math.exp(0.5 * normal(rng)),
    };
    design.terms[0].levels.forEach((lev, l) => {
      let s = 0;
      for (let j = 0; j < m; j++) s += K[l * m + j] * a[j];
      v[`re__id__(Intercept)[${lev}]`] = 0.3 * s;
    });
    return v;
  }

  it("dispatch, same dimension, names and output names", () => {
    expect(rotatableKnown(design, false)).toBe(true);
    expect(rotatableKnown(design, true)).toBe(false);
    expect(rot.dim).toBe(404);
    expect(rot.names()).toEqual(tri.names());
    expect(rot.outputNames()).toEqual(tri.outputNames());
  });

  it("at corresponding points (same beta, sd, sigma, random effects) both log densities are equal (1e-9) and outputs round-trip (1e-9)", () => {
    for (let rep = 0; rep < 4; rep++) {
      const v = randomValues(), tr = rot.unconstrain(v), tt = tri.unconstrain(v);
      const lr = rot.logDensity(tr, new Float64Array(rot.dim)), lt = tri.logDensity(tt, new Float64Array(tri.dim));
      expect(Math.abs(lr - lt)).toBeLessThan(1e-9 * Math.abs(lt));
      const cr = rot.constrain(tr), ct = tri.constrain(tt);
      for (const nm of rot.outputNames()) {
        expect(Math.abs(cr[nm] - v[nm]), nm).toBeLessThan(1e-9);
        expect(Math.abs(cr[nm] - ct[nm]), nm).toBeLessThan(1e-9);
      }
    }
  });

  it("gradient = central finite differences (every non-z coordinate and 20 z), random points", () => {
    const g = new Float64Array(rot.dim), scratch = new Float64Array(rot.dim), names = rot.names();
    for (let rep = 0; rep < 3; rep++) {
      const theta = Float64Array.from({ length: rot.dim }, () => 0.8 * normal(rng));
      const lp = rot.logDensity(theta, g);
      const coords = [0, 1, 2, 403, ...Array.from({ length: 20 }, () => 3 + Math.floor(rng() * m))];
      for (const j of coords) {
        const h = 1e-5, tp = Float64Array.from(theta), tm = Float64Array.from(theta);
        tp[j] += h; tm[j] -= h;
        const fd = (rot.logDensity(tp, scratch) - rot.logDensity(tm, scratch)) / (2 * h);
        expect(Math.abs(fd - g[j]), names[j]).toBeLessThan(1e-6 * Math.max(1, Math.abs(g[j])) + 1e-10 * Math.abs(lp));
      }
    }
  });

  it("the general path is kept where the eigenbasis does not apply (repeated levels, non-gaussian, two terms)", () => {
    const rep = syntheticDesign({ n: 12, p: 1, family: "gaussian", link: "identity", terms: [{ group: "id", nLev: 6, known: "full" }], seed: 2 });
    expect(rotatableKnown(rep, false)).toBe(false);
    expect(rotatableKnown({ ...design, family: "poisson", link: "log" }, false)).toBe(false);
    expect(rotatableKnown({ ...design, terms: [design.terms[0], { ...design.terms[0], group: "id2", knownCovariance: undefined }] }, false)).toBe(false);
    const one = syntheticDesign({ n: 6, p: 2, family: "gaussian", link: "identity", terms: [{ group: "id", obsLevel: true, known: "singular" }], seed: 5 });
    expect(rotatableKnown(one, false)).toBe(true);
    const a = compileDesign(one, priors), b = compileDesign(one, priors, { rotateKnownCovariance: false });
    const v = { "(Intercept)": 0.3, c1: -0.2, "sd__obs__(Intercept)": 0.7, sigma: 1.3 };
    expect(a.logDensity(a.unconstrain(v), new Float64Array(a.dim))).toBeCloseTo(b.logDensity(b.unconstrain(v), new Float64Array(b.dim)), 10);
  });

  it("a non-symmetric or indefinite K is refused at compile time", () => {
    const bad = Float64Array.from(K);
    bad[1] += 0.1;
    expect(() => compileDesign({ ...design, terms: [{ ...design.terms[0], knownCovariance: bad }] }, priors)).toThrow(/not symmetric at \(1, 2\)|not symmetric at \(2, 1\)/);
    const neg = Float64Array.from(K);
    for (let i = 0; i < m; i++) neg[i * m + i] -= 0.5;
    expect(() => compileDesign({ ...design, terms: [{ ...design.terms[0], knownCovariance: neg }] }, priors)).toThrow(/not positive semi-definite/);
  });
});

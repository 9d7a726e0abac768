/** Model factories for `sample` (loaded by module path inside worker threads). */
import type { SamplerModel } from "../../../samplers/chains.js";
import { eightSchoolsNoncentered, stdNormal } from "./models.js";

/** iid standard normal; args { dim }. */
export function normalFactory(args: { dim: number }): SamplerModel {
  return stdNormal(args.dim);
}

/** Eight schools non-centred; args { y, sigma }. */
export function eightSchoolsFactory(args: { y: number[]; sigma: number[] }): SamplerModel {
  return eightSchoolsNoncentered(args.y, args.sigma);
}

/** A model whose density is -Infinity everywhere (init must fail). */
export function impossibleFactory(): SamplerModel {
  return { dim: 1, logDensity: () => -Infinity };
}

/** A slow model for abort tests: a normal whose density burns ~`spin` loop iterations per evaluation. */
export function slowFactory(args: { spin: number }): SamplerModel {
  return {
    dim: 2,
    logDensity: (t, g) => {
      let x = 0;
      for (let i = 0; i < args.spin; i++) x += Math.sqrt(i);
      g[0] = -t[0];
      g[1] = -t[1] + 0 * x;
      return -0.5 * (t[0] * t[0] + t[1] * t[1]);
    },
  };
}

export { kilpisjarviModel as kilpisjarviFactory, sblrcModel as sblrcFactory } from "./regressions.js";

/** A factory that fails (bad arguments). */
export function throwingFactory(): SamplerModel {
  throw new Error("bad model arguments: y is empty");
}

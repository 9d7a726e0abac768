/**
 * Writes examples/draws/eight_schools_like.json: 4 chains x 500 draws shaped like the group-level
 * scale tau of the eight schools model (positive, right-skewed, autocorrelated: exp of an AR(1) with
 * coefficient 0.7), from a fixed seed. Simulated, not a model fit.
 * Run: `npx tsx examples/draws/make_eight_schools_like.ts`.
 * @module
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeRng, normal } from "../../src/rng.js";

const rho = 0.7;
const draws: number[][] = [];
for (let c = 0; c < 4; c++) {
  const rng = makeRng(`eight-schools-like-${c}`);
  let z = normal(rng);
  const chain: number[] = [];
  for (let i = 0; i < 500; i++) {
    z = rho * z + Math.sqrt(1 - rho * rho) * normal(rng);
    chain.push(Number((3.6 * Math.exp(0.75 * z)).toPrecision(17)));
  }
  draws.push(chain);
}
const out = join(dirname(fileURLToPath(import.meta.url)), "eight_schools_like.json");
writeFileSync(out, `${JSON.stringify({ name: "eight_schools_like", parameter: "tau", draws })}\n`);
console.log(`wrote ${out}`);

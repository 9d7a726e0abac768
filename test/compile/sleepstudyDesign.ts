/** The sleepstudy Design built by hand from the fixture (X = [1, Days], term (1 + Days | Subject)). */
import { readFileSync } from "node:fs";
import type { Design } from "../../src/design/design.js";

const dir = new URL("../fixtures/compile/sleepstudy/", import.meta.url);
const SUBJECTS = ["308", "309", "310", "330", "331", "332", "333", "334", "335", "337", "349", "350", "351", "352", "369", "370", "371", "372"];

/** The sleepstudy design built by hand: X = [1, Days], term (1 + Days | Subject). */
export function sleepstudyDesign(): Design {
  const rows = readFileSync(new URL("data.csv", dir), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
  const n = rows.length;
  const X = new Float64Array(n * 2), Z = new Float64Array(n * 2), y = new Float64Array(n), index = new Int32Array(n);
  rows.forEach(([subj, days, rt], i) => {
    X[2 * i] = 1; X[2 * i + 1] = Number(days);
    Z[2 * i] = 1; Z[2 * i + 1] = Number(days);
    y[i] = Number(rt);
    index[i] = SUBJECTS.indexOf(subj);
  });
  return {
    n, p: 2, X, fixedNames: ["(Intercept)", "Days"], response: { name: "Reaction", y },
    terms: [{ group: "Subject", termNames: ["(Intercept)", "Days"], levels: SUBJECTS, index, Z }],
    family: "gaussian", link: "identity",
  };
}


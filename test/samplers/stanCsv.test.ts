import { describe, expect, it } from "vitest";
import { runChain } from "../../samplers/chains.js";
import { parseStanCsv, stanCsvColumnName, writeStanCsv } from "../../samplers/io/stanCsv.js";
import { corrNormal2, eightSchoolsNoncentered } from "./helpers/models.js";

describe("Stan CSV", () => {
  it("names indexed parameters as CmdStan does", () => {
    expect(stanCsvColumnName("theta[3]")).toBe("theta.3");
    expect(stanCsvColumnName("Sigma[1, 2]")).toBe("Sigma.1.2");
    expect(stanCsvColumnName("sigma")).toBe("sigma");
  });

  it("round-trips a diag-metric chain exactly: columns, values, step size, inverse metric, config", () => {
    const model = eightSchoolsNoncentered([28, 8, -3, 7, -1, 1, 18, 12], [15, 10, 16, 11, 9, 11, 10, 18]);
    const chain = runChain(model, { chain: 2, seed: 11, warmup: 150, draws: 40, thin: 2 });
    const text = writeStanCsv(chain, { model: "eight_schools", seed: 11, warmup: 150, draws: 40, thin: 2 });
    expect(text).toMatch(/^# Step size = /m);
    expect(text).toMatch(/^# Diagonal elements of inverse mass matrix:$/m);
    const csv = parseStanCsv(text);
    expect(csv.columns.slice(0, 7)).toEqual(["lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__"]);
    expect(csv.columns.slice(7)).toEqual([...Array.from({ length: 8 }, (_, j) => `theta.${j + 1}`), "mu", "tau"]);
    expect(csv.numDraws).toBe(20);
    expect(csv.stepSize).toBe(chain.stepSize);
    expect(csv.inverseMetric).toEqual(chain.inverseMetric);
    expect(csv.config.seed).toBe("11");
    expect(csv.config.id).toBe("3");
    expect(csv.config.model).toBe("eight_schools");
    const w = csv.columns.length;
    for (let d = 0; d < 20; d++) {
      expect(csv.values[d * w]).toBe(chain.sampler.lp[d]);
      expect(csv.values[d * w + 4]).toBe(chain.sampler.nLeapfrog[d]);
      for (let k = 0; k < 10; k++) expect(csv.values[d * w + 7 + k]).toBe(chain.draws[d * 10 + k]);
    }
  });

  it("writes and parses the dense inverse metric block", () => {
    const chain = runChain(corrNormal2(1, 2, 0.5), { chain: 0, seed: 3, warmup: 200, draws: 10, metric: "dense" });
    const text = writeStanCsv(chain, { model: "mvn", seed: 3, warmup: 200, draws: 10 });
    expect(text).toMatch(/^# Elements of inverse mass matrix:$/m);
    expect(parseStanCsv(text).inverseMetric).toEqual(chain.inverseMetric);
  });

  it("rejects malformed rows with the line number", () => {
    expect(() => parseStanCsv("lp__,x\n1,2\n3\n")).toThrow(/line 3: 1 fields, expected 2/);
    expect(() => parseStanCsv("lp__,x\n1,abc\n")).toThrow(/"abc" is not a number/);
  });
});

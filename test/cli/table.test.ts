import { describe, expect, it } from "vitest";
import { coefficientTable, fitHeadline, formatTable, posteriorTable } from "../../src/report/table.js";

describe("report tables", () => {
  it("aligns columns: names left, numbers right", () => {
    expect(formatTable(["", "Estimate"], [["(Intercept)", "1.5"], ["x", "-10.25"]])).toBe(
      "             Estimate\n(Intercept)       1.5\nx              -10.25",
    );
  });

  it("coefficient table: estimate, std. error, z value = est/se; variance parameters apart; re__ left out", () => {
    const t = coefficientTable({
      "(Intercept)": { est: -1.39855, se: 0.2312 },
      period2: { est: -0.99233, se: 0.3032 },
      "sd__herd__(Intercept)": { est: 0.6423, se: null },
      "re__herd__(Intercept)[1]": { est: 0.5, se: 0.1 },
    });
    expect(t.split("\n")).toEqual([
      "Fixed effects:",
      "             Estimate  Std. Error  z value",
      "(Intercept)    -1.399      0.2312   -6.049",
      "period2       -0.9923      0.3032   -3.273",
      "",
      "Random effects and dispersion:",
      "                       Estimate  Std. Error",
      "sd__herd__(Intercept)    0.6423",
    ]);
  });

  it("posterior table rounds ESS and drops random effects", () => {
    const t = posteriorTable({
      "(Intercept)": { mean: -1.4, sd: 0.2, q5: -1.7, q95: -1.1, rhat: 1.001, ess_bulk: 1500.4 },
      "re__herd__(Intercept)[1]": { mean: 0, sd: 1, q5: 0, q95: 0, rhat: 1, ess_bulk: 1 },
    });
    expect(t).toBe("               mean      sd      q5     q95   rhat  ess_bulk\n(Intercept)  -1.400  0.2000  -1.700  -1.100  1.001      1500");
  });

  it("headline: logLik/AIC/BIC for frequentist fits, sampler counts for NUTS", () => {
    expect(fitHeadline({ method: "Laplace", family: "binomial", link: "logit", n_obs: 56, logLik: -92.026, AIC: 194.05, BIC: 204.18 }))
      .toBe("Laplace fit, binomial/logit, n = 56: logLik -92.03, AIC 194.05, BIC 204.18");
    expect(fitHeadline({ method: "NUTS", family: "binomial", link: "logit", n_obs: 56, timing: { chains: 4, draws_per_chain: 1000, warmup: 1000, divergences: 0, min_ess_bulk: 1523.4 } }))
      .toBe("NUTS fit, binomial/logit, n = 56: 4 chains x 1000 draws (1000 warmup), 0 divergences, min ess_bulk 1523");
  });
});

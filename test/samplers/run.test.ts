import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sample } from "../../samplers/run.js";

const helpers = fileURLToPath(new URL("./helpers/factories.ts", import.meta.url));
const normal3 = { module: helpers, exportName: "normalFactory", args: { dim: 3 } };

describe("sample (chains in worker threads)", () => {
  it("gives bit-identical draws with 0 (in-process), 1 and 4 workers for the same seed", async () => {
    const opts = { chains: 4, warmup: 150, draws: 100, seed: 99 };
    const a = await sample(normal3, { ...opts, workers: 0 });
    const b = await sample(normal3, { ...opts, workers: 1 });
    const c = await sample(normal3, { ...opts, workers: 4 });
    for (let k = 0; k < 4; k++) {
      expect(Buffer.from(b.chains[k].draws.buffer).equals(Buffer.from(a.chains[k].draws.buffer))).toBe(true);
      expect(Buffer.from(c.chains[k].draws.buffer).equals(Buffer.from(a.chains[k].draws.buffer))).toBe(true);
      expect([...c.chains[k].sampler.nLeapfrog]).toEqual([...a.chains[k].sampler.nLeapfrog]);
      expect(c.chains[k].stepSize).toBe(a.chains[k].stepSize);
    }
    // different chains use different streams
    expect(a.chains[0].draws[0]).not.toBe(a.chains[1].draws[0]);
    expect(a.outputNames).toEqual(["theta[1]", "theta[2]", "theta[3]"]);
    expect(c.settings.workers).toBe(4);
  }, 60_000);

  it("reports progress of every chain up to its last iteration, and timings / leapfrog counts", async () => {
    const seen = new Map<number, number>();
    const fit = await sample(normal3, {
      chains: 2,
      warmup: 50,
      draws: 30,
      seed: 1,
      workers: 2,
      onProgress: (p) => seen.set(p.chain, Math.max(seen.get(p.chain) ?? 0, p.iteration)),
    });
    expect(seen.get(0)).toBe(80);
    expect(seen.get(1)).toBe(80);
    for (const ch of fit.chains) {
      expect(ch.draws.length).toBe(30 * 3);
      expect(ch.samplingLeapfrog).toBe(ch.sampler.nLeapfrog.reduce((s, v) => s + v, 0));
      expect(ch.warmupSeconds).toBeGreaterThan(0);
      expect(ch.samplingSeconds).toBeGreaterThan(0);
    }
  }, 60_000);

  it("thins: draws 100, thin 3 keeps 34 draws per chain, the same as every 3rd unthinned draw", async () => {
    const base = { chains: 1, warmup: 100, draws: 100, seed: 5, workers: 0 };
    const full = await sample(normal3, base);
    const thin = await sample(normal3, { ...base, thin: 3 });
    expect(thin.chains[0].draws.length).toBe(34 * 3);
    expect(thin.chains[0].draws.subarray(3, 6)).toEqual(full.chains[0].draws.subarray(9, 12));
  });

  it("rejects with a clear error when no finite init exists (from a worker)", async () => {
    await expect(sample({ module: helpers, exportName: "impossibleFactory", args: null }, { chains: 1, warmup: 10, draws: 10, workers: 1 })).rejects.toThrow(
      /Chain 1: No finite log density/,
    );
  }, 60_000);

  it("reports a factory that throws inside a worker as a chain error", async () => {
    await expect(sample({ module: helpers, exportName: "throwingFactory", args: null }, { chains: 2, workers: 2 })).rejects.toThrow(
      /Chain \d: bad model arguments: y is empty/,
    );
  }, 60_000);

  it("aborts: the AbortSignal terminates the workers and rejects with AbortError", async () => {
    const ctrl = new AbortController();
    const slow = { module: helpers, exportName: "slowFactory", args: { spin: 20000 } };
    const t0 = Date.now();
    let afterAbort = 0;
    const onProgress = (q: { iteration: number; total: number }) => {
      if (ctrl.signal.aborted) afterAbort++;
      else if (q.iteration < q.total) ctrl.abort();
    };
    const p = sample(slow, { chains: 2, warmup: 1000, draws: 1000, workers: 2, signal: ctrl.signal, onProgress });
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - t0).toBeLessThan(20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(afterAbort).toBe(0);
  }, 60_000);

  it("rejects when onProgress throws (worker path)", async () => {
    const onProgress = () => {
      throw new Error("progress bar broke");
    };
    await expect(sample(normal3, { chains: 1, warmup: 20, draws: 20, workers: 1, onProgress })).rejects.toThrow(/progress bar broke/);
  }, 60_000);

  it("aborts in-process too (workers: 0)", async () => {
    const ctrl = new AbortController();
    const p = sample(normal3, { chains: 2, warmup: 100, draws: 100, workers: 0, signal: ctrl.signal, onProgress: (q) => q.iteration === 10 && ctrl.abort() });
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
  });

  it("uses given inits (one for all chains, or one per chain)", async () => {
    const one = await sample(normal3, { chains: 2, warmup: 10, draws: 5, workers: 0, init: [0.5, -0.5, 1] });
    expect([...one.chains[1].init]).toEqual([0.5, -0.5, 1]);
    const per = await sample(normal3, { chains: 2, warmup: 10, draws: 5, workers: 0, init: [[1, 1, 1], [2, 2, 2]] });
    expect([...per.chains[1].init]).toEqual([2, 2, 2]);
    const rand = await sample(normal3, { chains: 1, warmup: 10, draws: 5, workers: 0 });
    expect(rand.chains[0].init.every((v) => v > -2 && v < 2)).toBe(true);
    await expect(sample(normal3, { chains: 3, workers: 0, init: [[1, 1, 1]] })).rejects.toThrow(/one per chain/);
  });

  it("draws random inits from uniform(-initRadius, initRadius): 0 starts at zero, 0.1 stays inside", async () => {
    const zero = await sample(normal3, { chains: 2, warmup: 10, draws: 5, workers: 0, initRadius: 0 });
    expect([...zero.chains[1].init]).toEqual([0, 0, 0]);
    const small = await sample(normal3, { chains: 4, warmup: 10, draws: 5, workers: 0, initRadius: 0.1, seed: 3 });
    const all = small.chains.flatMap((c) => [...c.init]);
    expect(all.every((v) => Math.abs(v) < 0.1)).toBe(true);
    expect(Math.max(...all.map(Math.abs))).toBeGreaterThan(0.05);
    expect(small.settings.initRadius).toBe(0.1);
    await expect(sample(normal3, { workers: 0, initRadius: -1 })).rejects.toThrow(/initRadius must be a finite number >= 0/);
  });

  it("rejects bad options and bad factory references with actionable messages", async () => {
    await expect(sample(normal3, { chains: 0 })).rejects.toThrow(/chains must be an integer >= 1/);
    await expect(sample({ ...normal3, module: "relative/path.ts" }, { workers: 0 })).rejects.toThrow(/absolute path/);
    await expect(sample({ ...normal3, exportName: "nope" }, { workers: 0 })).rejects.toThrow(/no exported function "nope"/);
  });
});

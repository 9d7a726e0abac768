import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGNOSE_KEYS, diagnoseFile } from "../../src/cli/commands/diagnose.js";
import { UsageError } from "../../src/cli/errors.js";
import { loadCases, relErr } from "./fixtures.js";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawn `node --import tsx src/cli/main.ts <args>` (the real CLI, about 1 s each). */
function spawnGlmm(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err ? Number((err as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Run at most `limit` spawns at a time (2 cores). */
async function spawnAll(argLists: string[][], limit = 3): Promise<Run[]> {
  const results: Run[] = new Array(argLists.length);
  let next = 0;
  const worker = async () => {
    while (next < argLists.length) {
      const i = next++;
      results[i] = await spawnGlmm(argLists[i]);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

const CASES = loadCases();
const DIR = mkdtempSync(join(tmpdir(), "glmm-diagnose-"));

function write(name: string, text: string): string {
  const path = join(DIR, name);
  writeFileSync(path, text);
  return path;
}

/** [what, file content (null: no file), message expected on stderr]. */
const BAD: [string, string | null, RegExp][] = [
  ["missing file", null, /missing\.json: no such file/],
  ["bad JSON", '{"draws": [[1, 2,', /bad_JSON\.json: not valid JSON/],
  ["no draws key", '{"chains": [[1, 2, 3]]}', /expected \{"draws": \[\[chain 1 draws\]/],
  ["ragged chains", '{"draws": [[1, 2, 3], [4, 5]]}', /ragged chains: chain 2 has 2 draws but chain 1 has 3/],
  ["non-numeric draw", '{"draws": [[1, 2, 3], [4, "x", 6]]}', /draw 2 of chain 2 is "x", not a number/],
  ["null draw", '{"draws": [[1, null, 3]]}', /draw 2 of chain 1 is null, not a number/],
  ["empty chains", '{"draws": [[], []]}', /the chains hold no draws/],
];

function badPath(what: string, content: string | null): string {
  return content === null ? join(DIR, "missing.json") : write(`${what.replace(/\W+/g, "_")}.json`, content);
}

describe("glmm diagnose", () => {
  it("prints exactly the 18 keys, agreeing with posterior within 1e-6 on all 10 fixtures (spawned)", async () => {
    const runs = await spawnAll(CASES.map((c) => ["diagnose", c.file]));
    runs.forEach((r, i) => {
      const c = CASES[i];
      expect(r.code, `${c.name}: ${r.stderr}`).toBe(0);
      const out = JSON.parse(r.stdout) as Record<string, number | null>;
      expect(Object.keys(out)).toEqual([...DIAGNOSE_KEYS]);
      expect(Object.keys(c.posterior).sort()).toEqual([...DIAGNOSE_KEYS].sort());
      expect(out).toEqual(diagnoseFile(c.file)); // the printed numbers are the library's, digit for digit
      for (const k of DIAGNOSE_KEYS) {
        const want = c.posterior[k];
        if (want === null) {
          expect(out[k], `${c.name}.${k}`).toBeNull();
          continue;
        }
        // rhat of short_chains / scale_mismatch is checked in reference.test.ts: the file's 15 digits leave
        // the order of the two middle folded draws undetermined
        if (k === "rhat" && (c.name === "short_chains" || c.name === "scale_mismatch")) continue;
        expect(relErr(out[k] as number, want), `${c.name}.${k}`).toBeLessThan(1e-6);
      }
    });
  }, 120_000);

  it("bad input: exit code 2 and one line naming the problem (3 spawned; all in process below)", async () => {
    const spawned = BAD.filter(([what]) => ["missing file", "ragged chains", "non-numeric draw"].includes(what));
    const runs = await spawnAll(spawned.map(([what, content]) => ["diagnose", badPath(what, content)]));
    runs.forEach((r, i) => {
      const [what, , message] = spawned[i];
      expect(r.code, what).toBe(2);
      expect(r.stdout, what).toBe("");
      expect(r.stderr.trim().split("\n"), what).toHaveLength(1);
      expect(r.stderr, what).toMatch(message);
      expect(r.stderr, what).toMatch(/^glmm: /);
    });
  }, 120_000);

  it("in process: the same messages as UsageErrors, and --help explains the input", async () => {
    for (const [what, content, message] of BAD) {
      const path = badPath(what, content);
      expect(() => diagnoseFile(path), what).toThrow(UsageError);
      expect(() => diagnoseFile(path), what).toThrow(message);
    }
    const help = await spawnGlmm(["diagnose", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('{"draws": [[chain 1 draws...], [chain 2 draws...], ...]}');
    expect(help.stdout).toContain("null");
  }, 60_000);

  it("the bundled example draws run and give finite diagnostics", () => {
    const out = diagnoseFile("examples/draws/eight_schools_like.json");
    for (const k of DIAGNOSE_KEYS) expect(Number.isFinite(out[k]), k).toBe(true);
    const file = JSON.parse(readFileSync("examples/draws/eight_schools_like.json", "utf8")) as { draws: number[][] };
    expect(file.draws.map((c) => c.length)).toEqual([500, 500, 500, 500]);
  });
});

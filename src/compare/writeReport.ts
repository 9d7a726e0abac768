/**
 * Writing a comparison to a folder: compare.json, one SVG per plot, report.html (tables + inlined SVGs).
 * @module
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { reportHtml } from "../report/html.js";
import { renderComparisonPlots } from "../report/plots/index.js";
import type { CompareOutput } from "./compare.js";

/** The files written by {@link writeComparisonReport} (absolute paths). */
export interface ReportFiles {
  readonly dir: string;
  readonly json: string;
  readonly html: string;
  readonly svgs: string[];
}

/** Write via a temporary file and rename, so a failed run leaves no half-written file. */
function writeFile(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * Render the plots and write compare.json, the SVGs and report.html into `dir` (created if missing).
 *
 * @param dir - output folder
 * @param output - the result of compare()
 * @param title - report title
 * @returns the written paths
 * @example
 * (await writeComparisonReport("out", output, "cbpp")).html; // => "/abs/path/out/report.html"
 */
export async function writeComparisonReport(dir: string, output: CompareOutput, title?: string): Promise<ReportFiles> {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  const plots = await renderComparisonPlots(output.comparison, output.nutsFit.result);
  const json = join(abs, "compare.json"), html = join(abs, "report.html");
  writeFile(json, `${JSON.stringify(output.comparison, null, 2)}\n`);
  const svgs = plots.map((p) => {
    const path = join(abs, p.file);
    writeFile(path, p.svg);
    return path;
  });
  writeFile(html, reportHtml(output.comparison, plots, title));
  return { dir: abs, json, html, svgs };
}

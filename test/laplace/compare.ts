/**
 * Compares a toResultJson() object with a reference fit using the project's tolerances:
 * fixed effects 1e-3 (absolute, relative when |est| > 1), SEs 1%, sd/sigma/shape/cor 1% (cor: 1e-3 abs),
 * logLik 0.01, conditional modes 1e-3, conditional sds 1%. Returns every miss as a readable line.
 */
export interface CompareOptions {
  readonly fixed?: boolean;
  readonly se?: boolean;
  readonly sds?: boolean;
  readonly logLik?: boolean;
  readonly modes?: boolean;
  readonly condSd?: boolean;
  /** Names to skip (e.g. unidentified parameters). */
  readonly skip?: readonly string[];
}

const relOrAbs = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

export function compareFit(ours: any, ref: any, o: CompareOptions = {}): string[] {
  const miss: string[] = [];
  const skip = new Set(o.skip ?? []);
  for (const [name, r] of Object.entries<any>(ref.estimates)) {
    if (skip.has(name)) continue;
    const m = ours.estimates[name];
    if (!m) { miss.push(`${name}: missing`); continue; }
    const isVar = /^(sd__|sigma|shape)/.test(name), isCor = name.startsWith("cor__");
    if (isVar && o.sds !== false && rel(m.est, r.est) > 0.01) miss.push(`${name}: ${m.est} vs ${r.est}`);
    if (isCor && o.sds !== false && Math.abs(m.est - r.est) > 1e-3 && rel(m.est, r.est) > 0.01) miss.push(`${name}: ${m.est} vs ${r.est}`);
    if (!isVar && !isCor && o.fixed !== false && relOrAbs(m.est, r.est) > 1e-3) miss.push(`${name}: ${m.est} vs ${r.est}`);
    if (!isVar && !isCor && o.se !== false && r.se != null && rel(m.se, r.se) > 0.01) miss.push(`se ${name}: ${m.se} vs ${r.se}`);
  }
  if (o.logLik !== false && Math.abs(ours.logLik - ref.logLik) > 0.01) miss.push(`logLik: ${ours.logLik} vs ${ref.logLik}`);
  for (const [name, r] of Object.entries<any>(ref.ranef ?? {})) {
    const m = ours.ranef[name];
    if (!m) { miss.push(`${name}: missing`); continue; }
    if (o.modes !== false && Math.abs(m.mode - r.mode) > 1e-3) miss.push(`mode ${name}: ${m.mode} vs ${r.mode}`);
    if (o.condSd !== false && rel(m.sd, r.sd) > 0.01) miss.push(`condsd ${name}: ${m.sd} vs ${r.sd}`);
  }
  return miss;
}

/** The fit with a given method from a reference file (single fit or `fits` list). */
export function refFit(file: any, method: string, callIncludes?: string): any {
  const fits = file.fits ?? [file];
  const f = fits.find((x: any) => x.method === method && (!callIncludes || String(x.call).includes(callIncludes)));
  if (!f) throw new Error(`no ${method} fit in reference`);
  return f;
}

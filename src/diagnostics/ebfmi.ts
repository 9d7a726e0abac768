/**
 * Energy Bayesian fraction of missing information (E-BFMI) of a Hamiltonian Monte Carlo chain.
 * @module
 */

/**
 * E-BFMI of one chain, as rstan's `get_bfmi`: `(sum(diff(E)^2) / n) / var(E)` with the sample
 * variance (divisor n - 1). Values below 0.3 suggest the momentum resampling explores the energy
 * distribution poorly (Betancourt 2016).
 *
 * @param energies - the Hamiltonian energy at each iteration of one chain
 * @returns the E-BFMI; NaN for fewer than 2 values or constant energies
 * @see Betancourt (2016), Diagnosing suboptimal cotangent disintegrations in Hamiltonian Monte Carlo,
 *   arXiv:1604.00695
 * @example
 * ebfmi(new Float64Array([1, 2, 1, 2])); // => 2.25
 * ebfmi(new Float64Array([5, 5, 5])); // => NaN
 */
export function ebfmi(energies: ArrayLike<number>): number {
  const n = energies.length;
  if (n < 2) return NaN;
  let mu = 0;
  for (let i = 0; i < n; i++) mu += energies[i];
  mu /= n;
  let ss = 0;
  let diff2 = 0;
  for (let i = 0; i < n; i++) {
    const d = energies[i] - mu;
    ss += d * d;
    if (i > 0) {
      const e = energies[i] - energies[i - 1];
      diff2 += e * e;
    }
  }
  const v = ss / (n - 1);
  return v > 0 ? diff2 / n / v : NaN;
}

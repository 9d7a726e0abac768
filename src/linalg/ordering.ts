/**
 * Fill-reducing orderings for the sparse Cholesky.
 * @module
 */

/**
 * Greedy minimum-degree ordering on the elimination graph (explicit fill, George & Liu 1989): repeatedly
 * eliminate a node of least current degree and connect its neighbours. When every remaining node has
 * degree >= `denseFraction` of the remaining count, the rest is nearly a clique and is appended as is.
 * @param n - dimension
 * @param rows - row index of each entry (either triangle; the diagonal is ignored)
 * @param cols - column index of each entry
 * @param denseFraction - stop threshold (default 0.5)
 * @returns perm, perm[k] = node eliminated k-th
 * @example
 * // a star: the centre 0 has degree 3, the leaves degree 1 -> leaves first, centre last
 * minimumDegree(4, new Int32Array([1, 2, 3]), new Int32Array([0, 0, 0])); // => [1, 2, 3, 0]
 */
export function minimumDegree(n: number, rows: Int32Array, cols: Int32Array, denseFraction = 0.5): Int32Array {
  const adj: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let e = 0; e < rows.length; e++) {
    const a = rows[e], b = cols[e];
    if (a === b) continue;
    adj[a].add(b);
    adj[b].add(a);
  }
  const done = new Uint8Array(n);
  const perm: number[] = [];
  for (let remaining = n; remaining > 0; remaining--) {
    let best = -1, bestDeg = Infinity;
    for (let v = 0; v < n; v++) if (!done[v] && adj[v].size < bestDeg) { best = v; bestDeg = adj[v].size; }
    if (remaining > 50 && bestDeg >= denseFraction * (remaining - 1)) break;
    eliminate(best, adj);
    done[best] = 1;
    perm.push(best);
  }
  for (let v = 0; v < n; v++) if (!done[v]) perm.push(v);
  return Int32Array.from(perm);
}

function eliminate(v: number, adj: Set<number>[]): void {
  const nb = Array.from(adj[v]);
  for (const a of nb) adj[a].delete(v);
  for (let i = 0; i < nb.length; i++) {
    const sa = adj[nb[i]];
    for (let j = i + 1; j < nb.length; j++) {
      if (!sa.has(nb[j])) { sa.add(nb[j]); adj[nb[j]].add(nb[i]); }
    }
  }
  adj[v].clear();
}

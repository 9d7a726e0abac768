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
 * @param first - nodes to eliminate first, in this order (e.g. the levels of the largest grouping factor,
 *   whose block of A is diagonal), before the greedy phase
 * @returns perm, perm[k] = node eliminated k-th
 * @example
 * // a star: leaves (degree 1) first; once two leaves are gone the centre ties with the last leaf
 * minimumDegree(4, new Int32Array([1, 2, 3]), new Int32Array([0, 0, 0])); // => [1, 2, 0, 3]
 */
export function minimumDegree(n: number, rows: Int32Array, cols: Int32Array, denseFraction = 0.5, first?: Int32Array): Int32Array {
  return minimumDegreeBounded(n, rows, cols, denseFraction, first, Infinity)!;
}

/**
 * {@link minimumDegree} that gives up (returns null) once the elimination work, the sum of squared
 * degrees of the eliminated nodes (about the flops of the resulting sparse factor), exceeds `maxWork`:
 * lets a caller drop a candidate ordering as soon as it is worse than the best one so far.
 * @param n - dimension
 * @param rows - entry rows
 * @param cols - entry columns
 * @param denseFraction - stop threshold
 * @param first - nodes to eliminate first
 * @param maxWork - work budget
 * @param graph - elimination graph storage: an adjacency bit matrix (default up to 16384 nodes) or sets
 * @returns perm, or null when over budget
 * @example
 * minimumDegreeBounded(4, new Int32Array([1, 2, 3]), new Int32Array([0, 0, 0]), 0.5, undefined, 0); // => null
 */
export function minimumDegreeBounded(
  n: number, rows: Int32Array, cols: Int32Array, denseFraction: number, first: Int32Array | undefined, maxWork: number,
  graph: "bits" | "sets" = n <= BITSET_LIMIT ? "bits" : "sets",
): Int32Array | null {
  const g = graph === "bits" ? bitGraph(n, rows, cols) : setGraph(n, rows, cols);
  const done = new Uint8Array(n);
  const perm: number[] = [];
  let work = 0;
  for (const v of first ?? []) {
    if (done[v]) continue;
    work += g.degree[v] ** 2;
    if (work > maxWork) return null;
    g.eliminate(v);
    done[v] = 1;
    perm.push(v);
  }
  for (let remaining = n - perm.length; remaining > 0; remaining--) {
    let best = -1, bestDeg = Infinity;
    for (let v = 0; v < n; v++) if (!done[v] && g.degree[v] < bestDeg) { best = v; bestDeg = g.degree[v]; }
    if (remaining > 50 && bestDeg >= denseFraction * (remaining - 1)) break;
    work += bestDeg * bestDeg;
    if (work > maxWork) return null;
    g.eliminate(best);
    done[best] = 1;
    perm.push(best);
  }
  for (let v = 0; v < n; v++) if (!done[v]) perm.push(v);
  return Int32Array.from(perm);
}

/** Up to this dimension the elimination graph is an adjacency bit matrix (n^2 / 8 bytes). */
const BITSET_LIMIT = 16384;

/** Elimination graph: current degrees and the elimination of a node (its neighbours become a clique). */
interface EliminationGraph {
  readonly degree: Int32Array;
  eliminate(v: number): void;
}

function bitGraph(n: number, rows: Int32Array, cols: Int32Array): EliminationGraph {
  const W = (n + 31) >>> 5;
  const bits = new Uint32Array(n * W);
  const degree = new Int32Array(n);
  const set = (a: number, b: number) => {
    const w = a * W + (b >>> 5), m = 1 << (b & 31);
    if (!(bits[w] & m)) { bits[w] |= m; degree[a]++; }
  };
  for (let e = 0; e < rows.length; e++) if (rows[e] !== cols[e]) { set(rows[e], cols[e]); set(cols[e], rows[e]); }
  const row = new Uint32Array(W);
  return {
    degree,
    eliminate(v) {
      row.set(bits.subarray(v * W, v * W + W));
      bits.fill(0, v * W, v * W + W);
      degree[v] = 0;
      for (let w = 0; w < W; w++) {
        for (let word = row[w]; word !== 0; word &= word - 1) {
          const a = (w << 5) + (31 - Math.clz32(word & -word));
          const ra = a * W;
          let d = 0;
          for (let t = 0; t < W; t++) d += popcount((bits[ra + t] |= row[t]));
          bits[ra + (a >>> 5)] &= ~(1 << (a & 31));
          bits[ra + (v >>> 5)] &= ~(1 << (v & 31));
          degree[a] = d - 2; // the OR counted a itself and v
        }
      }
    },
  };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function setGraph(n: number, rows: Int32Array, cols: Int32Array): EliminationGraph {
  const adj: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let e = 0; e < rows.length; e++) {
    const a = rows[e], b = cols[e];
    if (a === b) continue;
    adj[a].add(b);
    adj[b].add(a);
  }
  const degree = Int32Array.from(adj, (s) => s.size);
  return {
    degree,
    eliminate(v) {
      const nb = Array.from(adj[v]);
      for (const a of nb) adj[a].delete(v);
      for (let i = 0; i < nb.length; i++) {
        const sa = adj[nb[i]];
        for (let j = i + 1; j < nb.length; j++) {
          if (!sa.has(nb[j])) { sa.add(nb[j]); adj[nb[j]].add(nb[i]); }
        }
      }
      adj[v].clear();
      degree[v] = 0;
      for (const a of nb) degree[a] = adj[a].size;
    },
  };
}

/**
 * Static minimum-degree ordering: nodes sorted by their degree in the graph of A (ties by index).
 * Exact for nested and crossed random-intercept designs where the small-degree block is eliminated first.
 * @param n - dimension
 * @param rows - row index of each off-diagonal entry (either triangle)
 * @param cols - column index of each entry
 * @returns perm, perm[k] = node eliminated k-th
 * @example
 * staticMinimumDegree(3, new Int32Array([0, 0]), new Int32Array([1, 2])); // => [1, 2, 0]
 */
export function staticMinimumDegree(n: number, rows: Int32Array, cols: Int32Array): Int32Array {
  const deg = new Float64Array(n);
  for (let e = 0; e < rows.length; e++) {
    if (rows[e] === cols[e]) continue;
    deg[rows[e]]++;
    deg[cols[e]]++;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => deg[a] - deg[b] || a - b);
  return Int32Array.from(order);
}

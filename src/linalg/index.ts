/**
 * Linear algebra on flat Float64Arrays: dense Cholesky kernels (plain and blocked), the symmetric eigendecomposition,
 * and a sparse Cholesky
 * (minimum-degree ordering, sparse leading columns + dense trailing block) with its selected inverse.
 * @module
 */
export {
  choleskyInPlace, choleskySemiDefinite, logDetFromCholesky, forwardSolve, backSolveTranspose, choleskySolve, inverseFromCholesky,
} from "./dense.js";
export { choleskyBlocked } from "./denseBlocked.js";
export { analyseSparse, analyseBest, type SparseSymbolic } from "./sparseSymbolic.js";
export { factorSparse, sparseLogDet, sparseForward, sparseBackward, sparseSolve, type SparseFactor } from "./sparse.js";
export { selectedInverse, inverseEntry, type SelectedInverse } from "./selectedInverse.js";
export { minimumDegree, minimumDegreeBounded, staticMinimumDegree } from "./ordering.js";
export { symmetricEigen, symmetricEigenRotate, type SymmetricEigen, type RotatedEigen } from "./eigen.js";

/// Cyclic coordinate descent for the elastic net, following scikit-learn 1.9's dense
/// `enet_coordinate_descent`: the same updates, gap-safe screening and duality-gap stopping rule.
///
/// It minimises `½‖y − Xw‖² + l1·‖w‖₁ + ½·l2·‖w‖²` on centred data; the estimators scale their
/// penalties by the number of rows as scikit-learn does. `X` is column-major: column `j` is
/// `x[j·rows ..< (j+1)·rows]`.
struct ElasticNetSolver {
    /// What a solve ended with.
    struct Solution {
        /// The coefficients.
        var coefficients: [Double]
        /// The last duality gap computed.
        var gap: Double
        /// The gap the solve had to reach: `tolerance · ‖y‖²`.
        var gapTolerance: Double
        /// Passes over the coordinates.
        var iterations: Int
        /// Whether the gap reached its tolerance within the allowed passes.
        var converged: Bool
    }

    let x: [Double]
    let rows: Int
    let features: Int

    func solve(y: [Double], l1: Double, l2: Double, maxIterations: Int, tolerance: Double) -> Solution {
        var w = [Double](repeating: 0, count: features)
        var residual = y
        var xtA = [Double](repeating: 0, count: features)
        let squaredNorms = (0..<features).map { dot(column: $0, column: $0) }
        let gapTolerance = tolerance * Self.dot(y, y)
        var (gap, dualNorm) = dualityGap(w: w, y: y, residual: residual, l1: l1, l2: l2, xtA: &xtA)
        if gap <= gapTolerance {
            return Solution(coefficients: w, gap: gap, gapTolerance: gapTolerance, iterations: 0, converged: true)
        }
        let screening = l1 != 0
        var excluded = [Bool](repeating: false, count: features)
        var active = Array(0..<features)
        if screening {
            active = screen(&w, &residual, &excluded, xtA: xtA, dualNorm: dualNorm, gap: gap, l1: l1, l2: l2, norms: squaredNorms)
        }
        var iteration = 0
        var converged = false
        while iteration < maxIterations {
            var largest = 0.0
            var largestStep = 0.0
            for j in active where squaredNorms[j] != 0 {
                let previous = w[j]
                let z = dot(column: j, residual) + previous * squaredNorms[j]
                w[j] = Self.sign(z) * Swift.max(abs(z) - l1, 0) / (squaredNorms[j] + l2)
                if w[j] != previous { addColumn(j, times: previous - w[j], to: &residual) }
                largestStep = Swift.max(largestStep, abs(w[j] - previous))
                largest = Swift.max(largest, abs(w[j]))
            }
            if largest == 0 || largestStep / largest <= tolerance || iteration == maxIterations - 1 {
                (gap, dualNorm) = dualityGap(w: w, y: y, residual: residual, l1: l1, l2: l2, xtA: &xtA)
                if gap <= gapTolerance {
                    converged = true
                    break
                }
                if screening {
                    active = screen(&w, &residual, &excluded, xtA: xtA, dualNorm: dualNorm, gap: gap, l1: l1, l2: l2, norms: squaredNorms)
                }
            }
            iteration += 1
        }
        return Solution(
            coefficients: w, gap: gap, gapTolerance: gapTolerance, iterations: Swift.min(iteration + 1, maxIterations),
            converged: converged)
    }

    /// Gap-safe screening: features that cannot be non-zero at the optimum are set to 0 and left out.
    private func screen(
        _ w: inout [Double], _ residual: inout [Double], _ excluded: inout [Bool], xtA: [Double], dualNorm: Double,
        gap: Double, l1: Double, l2: Double, norms: [Double]
    ) -> [Int] {
        var active: [Int] = []
        let radius = (2 * gap).squareRoot() / l1
        for j in 0..<features where !excluded[j] {
            if norms[j] == 0 {
                w[j] = 0
                excluded[j] = true
                continue
            }
            let correlation = xtA[j] / Swift.max(l1, dualNorm)
            if (1 - abs(correlation)) / (norms[j] + l2).squareRoot() <= radius {
                active.append(j)
            } else {
                if w[j] != 0 {
                    addColumn(j, times: w[j], to: &residual)
                    w[j] = 0
                }
                excluded[j] = true
            }
        }
        return active
    }

    /// The duality gap and ‖Xᵀr − l2·w‖∞ (or ‖Xᵀr‖² when l1 = 0), filling `xtA` with Xᵀr − l2·w.
    private func dualityGap(w: [Double], y: [Double], residual: [Double], l1: Double, l2: Double, xtA: inout [Double])
        -> (gap: Double, dualNorm: Double)
    {
        let wNorm2 = l2 > 0 ? Self.dot(w, w) : 0
        let residualNorm2 = Self.dot(residual, residual)
        let ry = Self.dot(residual, y)
        for j in 0..<features { xtA[j] = dot(column: j, residual) - (l1 == 0 ? 0 : l2 * w[j]) }
        if l1 == 0 {
            // scikit-learn's formulation B (ridge): the dual needs no feasibility scaling.
            let dualNorm = Self.dot(xtA, xtA)
            if l2 == 0 { return (dualNorm, dualNorm) }
            return (residualNorm2 + 0.5 * l2 * wNorm2 - ry + 1 / (2 * l2) * dualNorm, dualNorm)
        }
        let dualNorm = xtA.reduce(0) { Swift.max($0, abs($1)) }
        let l1Norm = w.reduce(0) { $0 + abs($1) }
        let primal = 0.5 * (residualNorm2 + l2 * wNorm2) + l1 * l1Norm
        let scale = dualNorm > l1 ? l1 / dualNorm : 1
        let dual = -0.5 * scale * scale * (residualNorm2 + l2 * wNorm2) + scale * ry
        return (primal - dual, dualNorm)
    }

    static func sign(_ value: Double) -> Double { value == 0 ? 0 : (value > 0 ? 1 : -1) }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in VectorKernels.dot(a.baseAddress, b.baseAddress, a.count) } }
    }

    func dot(column j: Int, _ v: [Double]) -> Double {
        x.withUnsafeBufferPointer { x in
            v.withUnsafeBufferPointer { v in VectorKernels.dot(x.baseAddress.map { $0 + j * rows }, v.baseAddress, rows) }
        }
    }

    private func dot(column j: Int, column k: Int) -> Double {
        x.withUnsafeBufferPointer { x in VectorKernels.dot(x.baseAddress.map { $0 + j * rows }, x.baseAddress.map { $0 + k * rows }, rows) }
    }

    /// `v += factor · X[:, j]`.
    private func addColumn(_ j: Int, times factor: Double, to v: inout [Double]) {
        x.withUnsafeBufferPointer { x in
            v.withUnsafeMutableBufferPointer { v in VectorKernels.axpy(factor, x.baseAddress.map { $0 + j * rows }, v.baseAddress, rows) }
        }
    }
}

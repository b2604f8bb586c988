extension ElasticNetSolver {
    /// The same problem solved on the Gram matrix, as scikit-learn's `enet_coordinate_descent_gram`
    /// (its `precompute=True` path): from `G = XᵀX` (`gram`, row-major, both triangles), `q = Xᵀy`
    /// (`moments`) and ‖y‖² (`targetNorm2`), made in one pass over the rows, every coordinate step and
    /// duality gap costs O(features), not O(rows). With many more rows than features (a feature
    /// table), each pass costs thousands of times less.
    static func solve(
        gram: [Double], moments q: [Double], targetNorm2 yNorm2: Double, l1: Double, l2: Double, maxIterations: Int, tolerance: Double
    ) -> Solution {
        let p = q.count
        let gapTolerance = tolerance * yNorm2
        var w = [Double](repeating: 0, count: p)
        var h = [Double](repeating: 0, count: p)  // G·w
        var gap = yNorm2
        var iteration = 0
        var converged = false
        while iteration < maxIterations {
            var largest = 0.0
            var largestStep = 0.0
            for j in 0..<p where gram[j * p + j] != 0 {
                let previous = w[j]
                if previous != 0 { for k in 0..<p { h[k] -= previous * gram[j * p + k] } }
                let z = q[j] - h[j]
                w[j] = Self.sign(z) * Swift.max(abs(z) - l1, 0) / (gram[j * p + j] + l2)
                if w[j] != 0 { for k in 0..<p { h[k] += w[j] * gram[j * p + k] } }
                largestStep = Swift.max(largestStep, abs(w[j] - previous))
                largest = Swift.max(largest, abs(w[j]))
            }
            if largest == 0 || largestStep / largest <= tolerance || iteration == maxIterations - 1 {
                gap = gramGap(w: w, h: h, q: q, yNorm2: yNorm2, l1: l1, l2: l2)
                if gap <= gapTolerance {
                    converged = true
                    break
                }
            }
            iteration += 1
        }
        return Solution(
            coefficients: w, gap: gap, gapTolerance: gapTolerance, iterations: Swift.min(iteration + 1, maxIterations),
            converged: converged)
    }

    /// The duality gap from the Gram quantities: ‖r‖² = ‖y‖² + wᵀGw − 2qᵀw, Xᵀr = q − Gw.
    private static func gramGap(w: [Double], h: [Double], q: [Double], yNorm2: Double, l1: Double, l2: Double) -> Double {
        let qw = dot(q, w)
        let residualNorm2 = yNorm2 + dot(w, h) - 2 * qw
        let wNorm2 = dot(w, w)
        let dualNorm = zip(q, h).enumerated().reduce(0.0) { Swift.max($0, abs($1.element.0 - $1.element.1 - l2 * w[$1.offset])) }
        let scale = dualNorm > l1 ? l1 / dualNorm : 1
        let l1Norm = w.reduce(0) { $0 + abs($1) }
        var gap = dualNorm > l1 ? 0.5 * (residualNorm2 + residualNorm2 * scale * scale) : residualNorm2
        gap += l1 * l1Norm - scale * (yNorm2 - qw) + 0.5 * l2 * (1 + scale * scale) * wNorm2
        return gap
    }
}

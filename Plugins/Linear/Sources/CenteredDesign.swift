import FerryCore
import FerryModels

/// A training frame prepared for the solvers: each column's mean (and, when asked, its scale to
/// unit variance), the target centred. The centred columns are laid out only for the solver that
/// walks them (``laidOut()``); the Gram matrix is formed from the raw columns, centred a block of
/// rows at a time in the cache (``centredGram()``), so a million-row fit never writes a centred copy.
///
/// Linear models fit their intercept by centring, as scikit-learn does: the intercept is then
/// `mean(y) − Σ mean(xⱼ)·wⱼ`. With scaling, the fit is scikit-learn's `StandardScaler` then the
/// estimator (population standard deviation; a constant column keeps scale 1), and the
/// coefficients are returned in the features' own units, so the model needs no scaler.
struct CenteredDesign {
    /// The raw feature columns.
    private let columns: [[Double]]
    /// Each feature's scale (its standard deviation when standardising, else 1).
    let featureScales: [Double]
    /// The centred target.
    let y: [Double]
    /// Each feature's mean.
    let featureMeans: [Double]
    /// The target's mean.
    let targetMean: Double
    let rows: Int
    let features: Int

    /// Lays out `data`, scaling each feature to unit variance when `standardize`; throws
    /// ``LinearModelError`` for a non-finite value, naming its row and column.
    init(_ data: TrainingData, standardize: Bool = false) throws {
        let rows = data.features.rowCount
        let features = data.features.columnNames.count
        guard rows > 0 else { throw LinearModelError("no training rows") }
        let columns = try data.features.columnNames.map { try data.features.values(of: $0) }
        // One vectorised pass per column, on every core: its sum, which is finite unless a value is not.
        let sums = columns.parallelMap { column in column.withUnsafeBufferPointer { VectorKernels.sum($0.baseAddress, $0.count) } }
        for (name, (column, sum)) in zip(data.features.columnNames, zip(columns, sums)) where !sum.isFinite {
            if let bad = column.firstIndex(where: { !$0.isFinite }) {
                throw LinearModelError("feature '\(name)' at row \(bad) is \(column[bad]); drop or fill it before training")
            }
        }
        if let bad = data.target.firstIndex(where: { !$0.isFinite }) {
            throw LinearModelError("target at row \(bad) is \(data.target[bad]); drop the rows whose target is unknown")
        }
        let n = Double(rows)
        let means = sums.map { $0 / n }
        let scales = zip(columns, means).map { column, mean -> Double in
            guard standardize else { return 1 }
            let deviation = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
            return deviation > 0 ? deviation : 1
        }
        self.columns = columns
        let targetMean = data.target.reduce(0, +) / n
        self.rows = rows
        self.features = features
        self.targetMean = targetMean
        y = data.target.map { $0 - targetMean }
        featureMeans = means
        featureScales = scales
        schema = FeatureSchema(features: data.features.columnNames.map { FeatureField(name: $0) })
    }

    /// The centred (and scaled) features, column-major in one allocation (column `j` is
    /// `[j·rows ..< (j+1)·rows]`), on huge pages where the kernel allows.
    func laidOut() -> [Double] {
        [Double](unsafeUninitializedCapacity: rows * features) { buffer, initialized in
            [Double].adviseHugePages(buffer)
            for (j, column) in columns.enumerated() {
                let (mean, scale) = (featureMeans[j], featureScales[j])
                column.withUnsafeBufferPointer { source in
                    for i in 0..<rows { buffer[j * rows + i] = (source[i] - mean) / scale }
                }
            }
            initialized = rows * features
        }
    }

    /// XᵀX and Xᵀy of the centred (and scaled) features and target (``VectorKernels/centredGram``).
    func centredGram() -> (gram: [Double], moments: [Double]) {
        VectorKernels.centredGram(columns: columns, means: featureMeans, scales: featureScales, target: y)
    }

    /// Coefficients fitted on the laid-out features, in the features' own units.
    func rawCoefficients(_ w: [Double]) -> [Double] { zip(w, featureScales).map { $0 / $1 } }

    /// The intercept that goes with raw-unit coefficients `coefficients`.
    func intercept(for coefficients: [Double]) -> Double {
        targetMean - zip(featureMeans, coefficients).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Fits `½‖y − Xw‖² + n·l1PerRow·‖w‖₁ + ½·n·l2PerRow·‖w‖²` (scikit-learn's scaling) and
    /// returns the model; logs a warning when the duality gap did not reach its tolerance.
    func fit(
        l1PerRow: Double, l2PerRow: Double, maxIterations: Int, tolerance: Double, plugin: String, context: TrainingContext
    ) throws -> LinearModel {
        let n = Double(rows)
        let solution: ElasticNetSolver.Solution
        if rows >= 4 * features && l1PerRow > 0 {
            // Many more rows than features: coordinate descent on the Gram matrix (scikit-learn's precompute path).
            let (gram, moments) = centredGram()
            solution = ElasticNetSolver.solve(
                gram: gram, moments: moments, targetNorm2: ElasticNetSolver.dot(y, y), l1: l1PerRow * n, l2: l2PerRow * n,
                maxIterations: maxIterations, tolerance: tolerance)
        } else {
            solution = ElasticNetSolver(x: laidOut(), rows: rows, features: features).solve(
                y: y, l1: l1PerRow * n, l2: l2PerRow * n, maxIterations: maxIterations, tolerance: tolerance)
        }
        context.progress(1)
        context.logger.debug(
            "\(plugin) solved",
            metadata: ["iterations": "\(solution.iterations)", "gap": "\(solution.gap)", "converged": "\(solution.converged)"])
        if !solution.converged {
            context.logger.warning(
                "\(plugin) did not converge",
                metadata: ["gap": "\(solution.gap)", "tolerance": "\(solution.gapTolerance)", "iterations": "\(solution.iterations)"])
        }
        let coefficients = rawCoefficients(solution.coefficients)
        return try LinearModel(schema: schema, coefficients: coefficients, intercept: intercept(for: coefficients))
    }

    /// The schema of a model trained on this design: its feature names, in order.
    let schema: FeatureSchema
}

/// Linear model training or loading failed.
public struct LinearModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}

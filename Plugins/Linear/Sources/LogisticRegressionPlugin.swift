import FerryCore
import FerryModels
import Foundation

/// L2-regularised logistic regression for direction, as scikit-learn's `LogisticRegression`:
/// minimises ½‖w‖² + C·Σ log(1 + e^(−sᵢ(xᵢ·w + b))) with sᵢ = ±1 and the intercept unpenalised.
/// Solved by Newton's method with a backtracking line search, to a gradient below `tol`.
/// Predictions are the probability that the target is 1.
public struct LogisticRegressionPlugin: LinearModelPlugin {
    /// Logistic regression's hyperparameters.
    public struct Hyperparameters: PluginHyperparameters {
        /// The inverse regularisation strength C (scikit-learn's default 1.0).
        public var c = 1.0
        /// The most Newton steps.
        public var maxIter = 100
        /// The largest gradient component allowed at the solution.
        public var tol = 1e-8
        /// Fit on features scaled to unit variance (StandardScaler, then the estimator); coefficients
        /// are reported in the features' own units. `false` is scikit-learn's plain estimator.
        public var standardize = true

        public init() {}

        enum CodingKeys: String, CodingKey {
            case standardize
            case c = "C"
            case maxIter = "max_iter"
            case tol
        }

        public func validate() throws {
            try HyperparameterChecks.positive(c, "C")
            try HyperparameterChecks.iterations(maxIter)
            try HyperparameterChecks.positive(tol, "tol")
        }
    }

    public static let id = "logistic"
    public static let version = SemanticVersion(1, 0, 0)
    /// The score is a log-odds: predictions are P(1).
    public static let link = LinearModel.Link.logistic
    public static let summary = "L2 logistic regression for direction (target 0/1), scikit-learn's objective."

    public static func train(on data: TrainingData, hyperparameters: Hyperparameters, context: TrainingContext) throws
        -> any TrainedModel
    {
        try hyperparameters.validate()
        if let bad = data.target.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw LinearModelError("logistic regression needs a 0/1 target (such as next_direction); row \(bad) is \(data.target[bad])")
        }
        let names = data.features.columnNames
        let design = try CenteredDesign(data, standardize: hyperparameters.standardize)
        let laidOut = design.laidOut()
        let columns = (0..<design.features).map { j in Array(laidOut[(j * design.rows)..<((j + 1) * design.rows)]) }
        let problem = LogisticProblem(columns: columns, target: data.target, c: hyperparameters.c)
        var parameters = [Double](repeating: 0, count: names.count + 1)  // coefficients, then the intercept
        var converged = false
        for step in 0..<hyperparameters.maxIter {
            let (gradient, hessian) = problem.gradientAndHessian(at: parameters)
            if gradient.map(abs).max() ?? 0 <= hyperparameters.tol {
                converged = true
                break
            }
            guard let direction = CholeskySolver.solve(hessian, gradient, size: parameters.count) else {
                throw LinearModelError("logistic regression: the Hessian is not positive definite (constant or collinear features?)")
            }
            parameters = problem.lineSearch(from: parameters, direction: direction)
            context.progress(Double(step + 1) / Double(hyperparameters.maxIter))
        }
        if !converged { context.logger.warning("logistic did not converge", metadata: ["max_iter": "\(hyperparameters.maxIter)"]) }
        context.progress(1)
        // The fit was on centred (and maybe scaled) columns: fold both back into raw-unit parameters.
        let coefficients = design.rawCoefficients(Array(parameters.dropLast()))
        let intercept = (parameters.last ?? 0) - zip(coefficients, design.featureMeans).reduce(0) { $0 + $1.0 * $1.1 }
        let schema = FeatureSchema(features: names.map { FeatureField(name: $0) })
        return try LinearModel(schema: schema, coefficients: coefficients, intercept: intercept, link: link)
    }

}

/// The logistic objective over fixed data, with its gradient and Hessian.
struct LogisticProblem {
    let columns: [[Double]]
    let signs: [Double]
    let c: Double

    init(columns: [[Double]], target: [Double], c: Double) {
        self.columns = columns
        signs = target.map { $0 == 1 ? 1 : -1 }
        self.c = c
    }

    private func scores(_ parameters: [Double]) -> [Double] {
        let intercept = parameters[parameters.count - 1]
        return (0..<signs.count).map { row in
            var score = intercept
            for (j, column) in columns.enumerated() { score += parameters[j] * column[row] }
            return score
        }
    }

    func objective(_ parameters: [Double]) -> Double {
        let penalty = 0.5 * parameters.dropLast().reduce(0) { $0 + $1 * $1 }
        let loss = zip(scores(parameters), signs).reduce(0.0) { total, pair in
            let margin = pair.1 * pair.0
            return total + (margin > 0 ? log1p(exp(-margin)) : -margin + log1p(exp(margin)))
        }
        return penalty + c * loss
    }

    /// The gradient and the row-major Hessian over (coefficients, intercept).
    func gradientAndHessian(at parameters: [Double]) -> ([Double], [Double]) {
        let size = parameters.count
        let p = size - 1
        var gradient = [Double](repeating: 0, count: size)
        var hessian = [Double](repeating: 0, count: size * size)
        for j in 0..<p {
            gradient[j] = parameters[j]
            hessian[j * size + j] = 1
        }
        var x = [Double](repeating: 1, count: size)
        for (row, score) in scores(parameters).enumerated() {
            let probability = LinearModel.sigmoid(score)
            let residual = c * (probability - (signs[row] > 0 ? 1 : 0))
            let weight = c * probability * (1 - probability)
            for j in 0..<p { x[j] = columns[j][row] }
            for a in 0..<size {
                gradient[a] += residual * x[a]
                for b in 0...a { hessian[a * size + b] += weight * x[a] * x[b] }
            }
        }
        for a in 0..<size { for b in 0..<a { hessian[b * size + a] = hessian[a * size + b] } }
        return (gradient, hessian)
    }

    /// The Newton step `parameters − t·direction`, halving t until the objective does not rise.
    func lineSearch(from parameters: [Double], direction: [Double]) -> [Double] {
        let start = objective(parameters)
        var t = 1.0
        while t > 1e-10 {
            let candidate = zip(parameters, direction).map { $0 - t * $1 }
            if objective(candidate) <= start { return candidate }
            t /= 2
        }
        return parameters
    }
}

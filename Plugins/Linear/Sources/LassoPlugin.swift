import FerryCore
import FerryModels

/// Lasso regression, as scikit-learn's `Lasso`: minimises (1/(2n))·‖y − Xw‖² + α·‖w‖₁, intercept by
/// centring, cyclic coordinate descent, stopping when the duality gap falls below `tol·‖y‖²`.
public struct LassoPlugin: ModelPlugin {
    /// Lasso's hyperparameters, named and defaulted as scikit-learn names them.
    public struct Hyperparameters: PluginHyperparameters {
        /// The L1 penalty α (scikit-learn's default 1.0). Returns-scale data needs far smaller values, such as 1e-4.
        public var alpha = 1.0
        /// The most passes over the coordinates.
        public var maxIter = 1000
        /// The duality-gap tolerance, relative to ‖y‖².
        public var tol = 1e-4

        public init() {}

        enum CodingKeys: String, CodingKey {
            case alpha
            case maxIter = "max_iter"
            case tol
        }

        public func validate() throws {
            guard alpha.isFinite, alpha > 0 else { throw HyperparameterError(field: "alpha", value: "\(alpha)", allowed: "> 0") }
            guard (1...1_000_000).contains(maxIter) else {
                throw HyperparameterError(field: "max_iter", value: "\(maxIter)", allowed: "1...1000000")
            }
            guard tol.isFinite, tol > 0 else { throw HyperparameterError(field: "tol", value: "\(tol)", allowed: "> 0") }
        }
    }

    public static let id = "lasso"
    public static let version = SemanticVersion(1, 0, 0)
    public static let summary = "Lasso regression (L1), scikit-learn's objective and coordinate descent."

    public static func train(on data: TrainingData, hyperparameters: Hyperparameters, context: TrainingContext) throws
        -> any TrainedModel
    {
        try hyperparameters.validate()
        let design = try CenteredDesign(data)
        let solution = design.solver.solve(
            y: design.y, l1: hyperparameters.alpha * Double(design.rows), l2: 0, maxIterations: hyperparameters.maxIter,
            tolerance: hyperparameters.tol)
        context.progress(1)
        if !solution.converged {
            context.logger.warning(
                "lasso did not converge", metadata: ["gap": "\(solution.gap)", "tolerance": "\(solution.gapTolerance)", "iterations": "\(solution.iterations)"])
        }
        let schema = FeatureSchema(features: data.features.columnNames.map { FeatureField(name: $0) })
        return try LinearModel(schema: schema, coefficients: solution.coefficients, intercept: design.intercept(for: solution.coefficients))
    }

    public static func load(tensors: [String: Tensor], hyperparameters: Hyperparameters, schema: FeatureSchema) throws
        -> any TrainedModel
    {
        try LinearModel.load(tensors: tensors, schema: schema)
    }
}

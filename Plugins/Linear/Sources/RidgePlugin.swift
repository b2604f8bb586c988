import FerryCore
import FerryModels

/// Ridge regression, as scikit-learn's `Ridge`: ‖y − Xw‖² + α·‖w‖², intercept by centring, solved
/// by the same coordinate descent as Lasso with no L1 term and a tight default tolerance, so the
/// result agrees with scikit-learn's closed-form solution.
public struct RidgePlugin: ModelPlugin {
    /// Ridge's hyperparameters.
    public struct Hyperparameters: PluginHyperparameters {
        /// The L2 penalty α (scikit-learn's default 1.0).
        public var alpha = 1.0
        /// The most passes over the coordinates.
        public var maxIter = 100_000
        /// The duality-gap tolerance, relative to ‖y‖²; tight, since scikit-learn solves ridge exactly.
        public var tol = 1e-12

        /// Fit on features scaled to unit variance (scikit-learn's StandardScaler, then the estimator);
        /// coefficients are reported in the features' own units. `false` is scikit-learn's plain estimator.
        public var standardize = true

        public init() {}

        enum CodingKeys: String, CodingKey {
            case standardize
            case alpha
            case maxIter = "max_iter"
            case tol
        }

        public func validate() throws {
            try HyperparameterChecks.positive(alpha, "alpha")
            try HyperparameterChecks.iterations(maxIter)
            try HyperparameterChecks.positive(tol, "tol")
        }
    }

    public static let id = "ridge"
    public static let version = SemanticVersion(1, 0, 0)
    public static let summary = "Ridge regression (L2), scikit-learn's objective, on Lasso's solver."

    public static func train(on data: TrainingData, hyperparameters: Hyperparameters, context: TrainingContext) throws
        -> any TrainedModel
    {
        try hyperparameters.validate()
        let design = try CenteredDesign(data, standardize: hyperparameters.standardize)
        // ½‖y − Xw‖² + ½·α·‖w‖² has ridge's minimiser; the solver's L2 term is ½·n·l2PerRow·‖w‖².
        return try design.fit(
            l1PerRow: 0, l2PerRow: hyperparameters.alpha / Double(design.rows), maxIterations: hyperparameters.maxIter,
            tolerance: hyperparameters.tol, plugin: id, context: context)
    }

    public static func load(tensors: [String: Tensor], hyperparameters: Hyperparameters, schema: FeatureSchema) throws
        -> any TrainedModel
    {
        try LinearModel.load(tensors: tensors, schema: schema)
    }
}

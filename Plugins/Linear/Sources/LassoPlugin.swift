import FerryCore
import FerryModels

/// Lasso regression, as scikit-learn's `Lasso`: minimises (1/(2n))·‖y − Xw‖² + α·‖w‖₁, intercept by
/// centring, cyclic coordinate descent, stopping when the duality gap falls below `tol·‖y‖²`.
public struct LassoPlugin: LinearModelPlugin {
    /// Lasso's hyperparameters, named and defaulted as scikit-learn names them.
    public struct Hyperparameters: PluginHyperparameters {
        /// The L1 penalty α (scikit-learn's default 1.0). Returns-scale data needs far smaller values, such as 1e-4.
        public var alpha = 1.0
        /// The most passes over the coordinates.
        public var maxIter = 1000
        /// The duality-gap tolerance, relative to ‖y‖².
        public var tol = 1e-4

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

    public static let id = "lasso"
    public static let version = SemanticVersion(1, 0, 0)
    public static let summary = "Lasso regression (L1), scikit-learn's objective and coordinate descent."

    public static func train(on data: TrainingData, hyperparameters: Hyperparameters, context: TrainingContext) throws
        -> any TrainedModel
    {
        try hyperparameters.validate()
        return try CenteredDesign(data, standardize: hyperparameters.standardize).fit(
            l1PerRow: hyperparameters.alpha, l2PerRow: 0, maxIterations: hyperparameters.maxIter,
            tolerance: hyperparameters.tol, plugin: id, context: context)
    }
}

import FerryCore
import FerryModels

/// Elastic net, as scikit-learn's `ElasticNet`: (1/(2n))·‖y − Xw‖² + α·ρ·‖w‖₁ + ½·α·(1 − ρ)·‖w‖²,
/// on the same coordinate-descent solver as Lasso.
public struct ElasticNetPlugin: LinearModelPlugin {
    /// Elastic net's hyperparameters, named and defaulted as scikit-learn names them.
    public struct Hyperparameters: PluginHyperparameters {
        /// The overall penalty α.
        public var alpha = 1.0
        /// The L1 share ρ of the penalty (1 is the lasso, 0 ridge).
        public var l1Ratio = 0.5
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
            case l1Ratio = "l1_ratio"
            case maxIter = "max_iter"
            case tol
        }

        public func validate() throws {
            try HyperparameterChecks.positive(alpha, "alpha")
            try HyperparameterChecks.unitInterval(l1Ratio, "l1_ratio")
            try HyperparameterChecks.iterations(maxIter)
            try HyperparameterChecks.positive(tol, "tol")
        }
    }

    public static let id = "elasticnet"
    public static let version = SemanticVersion(1, 0, 0)
    public static let summary = "Elastic net (L1 + L2), scikit-learn's objective, on Lasso's solver."

    public static func train(on data: TrainingData, hyperparameters: Hyperparameters, context: TrainingContext) throws
        -> any TrainedModel
    {
        try hyperparameters.validate()
        let h = hyperparameters
        return try CenteredDesign(data, standardize: hyperparameters.standardize).fit(
            l1PerRow: h.alpha * h.l1Ratio, l2PerRow: h.alpha * (1 - h.l1Ratio), maxIterations: h.maxIter, tolerance: h.tol,
            plugin: id, context: context)
    }
}

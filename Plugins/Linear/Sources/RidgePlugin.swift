import FerryCore
import FerryModels

/// Ridge regression, as scikit-learn's `Ridge`: ‖y − Xw‖² + α·‖w‖², intercept by centring, solved
/// exactly from the normal equations (XᵀX + αI)·w = Xᵀy by Cholesky factorisation, as
/// scikit-learn's dense solver does.
///
/// Coordinate descent (Lasso's solver) reaches ridge's optimum only slowly when features are
/// nearly collinear, as the moving averages of one price are; the closed form is exact and takes
/// one pass over the data.
public struct RidgePlugin: LinearModelPlugin {
    /// Ridge's hyperparameters.
    public struct Hyperparameters: PluginHyperparameters {
        /// The L2 penalty α (scikit-learn's default 1.0).
        public var alpha = 1.0
        /// Fit on features scaled to unit variance (StandardScaler, then Ridge); coefficients are
        /// reported in the features' own units. `false` is scikit-learn's plain `Ridge`.
        public var standardize = true

        public init() {}

        public func validate() throws {
            try HyperparameterChecks.positive(alpha, "alpha")
        }
    }

    public static let id = "ridge"
    public static let version = SemanticVersion(1, 0, 0)
    public static let summary = "Ridge regression (L2), scikit-learn's objective, exact closed form."

    public static func train(on data: TrainingData, hyperparameters: Hyperparameters, context: TrainingContext) throws
        -> any TrainedModel
    {
        try hyperparameters.validate()
        let design = try CenteredDesign(data, standardize: hyperparameters.standardize)
        let p = design.features
        var (gram, moments) = design.centredGram()
        for j in 0..<p { gram[j * p + j] += hyperparameters.alpha }
        context.progress(1)
        guard let w = CholeskySolver.solve(gram, moments, size: p) else {
            throw LinearModelError(
                "ridge: XᵀX + αI is not positive definite (alpha \(hyperparameters.alpha) is too small for these features)")
        }
        let coefficients = design.rawCoefficients(w)
        return try LinearModel(schema: design.schema, coefficients: coefficients, intercept: design.intercept(for: coefficients))
    }
}

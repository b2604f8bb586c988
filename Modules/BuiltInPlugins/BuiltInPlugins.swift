import FerryBaselines
import FerryEnsemble
import FerryLSTM
import FerryLinear
import FerryModels

/// The model plugins every build of Ferry has, in the order `ferry plugins list` shows them:
/// the one list the CLI and libferry register (a team adds its own beside them).
public enum BuiltInPlugins {
    /// Lasso, elastic net, ridge, logistic, the ensemble, the LSTM family, then the naive baselines.
    public static let all: [any ModelPlugin.Type] =
        [
            LassoPlugin.self, ElasticNetPlugin.self, RidgePlugin.self, LogisticRegressionPlugin.self, EnsemblePlugin.self, LSTMPlugin.self,
            AttentionLSTMPlugin.self,
        ]
        + Baselines.plugins
}

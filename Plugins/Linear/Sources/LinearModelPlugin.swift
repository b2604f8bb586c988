import FerryCore
import FerryModels

/// A plugin whose model is a ``LinearModel``: every linear plugin writes the same tensors
/// (`coef`, `intercept`) and loads them the same way, through its ``link``.
public protocol LinearModelPlugin: ModelPlugin {
    /// How the linear score becomes a prediction (`identity`, or `logistic` for a probability).
    static var link: LinearModel.Link { get }
}

extension LinearModelPlugin {
    /// A regression: the score is the prediction.
    public static var link: LinearModel.Link { .identity }

    /// Rebuilds the model from `coef` (one per schema feature) and `intercept`; throws
    /// `TensorError` for a missing, misshapen or extra tensor.
    public static func load(tensors: [String: Tensor], hyperparameters: Hyperparameters, schema: FeatureSchema) throws
        -> any TrainedModel
    {
        try LinearModel.load(tensors: tensors, schema: schema, link: link)
    }
}

import FerryCore
import FerryModels

/// An LSTM over windows of the feature rows, in three sizes (`variant`): baseline (64 hidden
/// units, 2 layers), enhanced (128, 3), lightweight (32, 1); a sigmoid head for direction or a
/// linear head for a return. Trained in Swift (BPTT, Adam, early stopping) on OpenBLAS; the
/// weights keep PyTorch's names and layout, so `torch.nn.LSTM` loads them as they are.
public struct LSTMPlugin: ModelPlugin {
    /// The shared LSTM settings, as flat JSON fields.
    public struct Hyperparameters: PluginHyperparameters {
        /// Variant, epochs, lookback, batch size, learning rate, dropout, early stopping, head.
        public var settings = LSTMSettings()

        public init() {}

        public init(from decoder: any Decoder) throws { settings = try LSTMSettings(from: decoder) }

        public func encode(to encoder: any Encoder) throws { try settings.encode(to: encoder) }

        public func validate() throws { try settings.validate() }
    }

    public static let id = "lstm"
    public static let version = SemanticVersion(1, 0, 0)
    public static let summary =
        "LSTM over windows of the features (variant baseline 64x2, enhanced 128x3, lightweight 32x1); PyTorch's weight layout."

    public static func train(on data: TrainingData, hyperparameters: Hyperparameters, context: TrainingContext) throws -> any TrainedModel {
        try LSTMFamily.train(on: data, settings: hyperparameters.settings, attentionHeads: 0, context: context)
    }

    public static func load(tensors: [String: Tensor], hyperparameters: Hyperparameters, schema: FeatureSchema) throws -> any TrainedModel {
        try LSTMModel.load(tensors: tensors, settings: hyperparameters.settings, attentionHeads: 0, schema: schema)
    }
}

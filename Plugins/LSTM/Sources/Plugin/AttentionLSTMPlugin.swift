import FerryCore
import FerryModels

/// The LSTM with multi-head self-attention over its outputs (8 heads by default, on the
/// baseline's 64 units), the head reading the attention's last step. Weights in PyTorch's names:
/// `lstm.*`, then `attention.*` as `nn.MultiheadAttention(batch_first=True)` names them, then `fc.*`.
public struct AttentionLSTMPlugin: ModelPlugin {
    /// The shared LSTM settings plus the attention's heads, as flat JSON fields.
    public struct Hyperparameters: PluginHyperparameters {
        /// Variant, epochs, lookback, batch size, learning rate, dropout, early stopping, head.
        public var settings = LSTMSettings()
        /// Attention heads; they must divide the variant's hidden units.
        public var heads = 8

        public init() {}

        private enum CodingKeys: String, CodingKey { case heads }

        public init(from decoder: any Decoder) throws {
            settings = try LSTMSettings(from: decoder)
            heads = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .heads)
        }

        public func encode(to encoder: any Encoder) throws {
            try settings.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(heads, forKey: .heads)
        }

        public func validate() throws {
            try settings.validate()
            let hidden = LSTMSettings.variants[settings.variant]?.hidden ?? 64
            guard heads >= 1, hidden % heads == 0 else {
                throw HyperparameterError(
                    field: "heads", value: "\(heads)", allowed: "a divisor of the \(settings.variant) variant's \(hidden) hidden units")
            }
        }
    }

    public static let id = "attention-lstm"
    public static let version = SemanticVersion(1, 0, 0)
    public static let summary =
        "LSTM + multi-head self-attention over its outputs (8 heads), head on the last step; PyTorch's weight layout."

    public static func train(on data: TrainingData, hyperparameters: Hyperparameters, context: TrainingContext) throws -> any TrainedModel {
        try hyperparameters.validate()
        return try LSTMFamily.train(on: data, settings: hyperparameters.settings, attentionHeads: hyperparameters.heads, context: context)
    }

    public static func load(tensors: [String: Tensor], hyperparameters: Hyperparameters, schema: FeatureSchema) throws -> any TrainedModel {
        try LSTMModel.load(tensors: tensors, settings: hyperparameters.settings, attentionHeads: hyperparameters.heads, schema: schema)
    }
}

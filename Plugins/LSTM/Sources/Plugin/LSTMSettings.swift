import FerryModels

/// The hyperparameters the `lstm` and `attention-lstm` plugins share.
public struct LSTMSettings: Codable, Sendable, Equatable {
    /// `baseline` (64 hidden units, 2 layers), `enhanced` (128, 3) or `lightweight` (32, 1).
    public var variant = "baseline"
    /// The most passes over the training windows.
    public var epochs = 30
    /// Rows per window: the model reads this many consecutive rows to predict the last one's target.
    public var lookback = 30
    /// Windows per gradient step.
    public var batchSize = 64
    /// Adam's step size.
    public var learningRate = 1e-3
    /// The share of units dropped between stacked layers while training (as `nn.LSTM(dropout:)`).
    public var dropout = 0.2
    /// Epochs without a lower validation loss before training stops (the best epoch's weights are kept).
    public var patience = 5
    /// The share of each run's last training windows held out for early stopping.
    public var validationFraction = 0.15
    /// The largest global norm of the gradients; larger ones are scaled down to it.
    public var maxGradNorm = 1.0
    /// `sigmoid` (probability of a 0/1 target, binary cross-entropy), `linear` (a value, mean squared
    /// error on the standardised target) or `auto` (sigmoid when the training target is all 0/1).
    public var head = "auto"

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case variant, epochs, lookback, dropout, patience, head
        case batchSize = "batch_size"
        case learningRate = "learning_rate"
        case validationFraction = "validation_fraction"
        case maxGradNorm = "max_grad_norm"
    }

    /// The variants' hidden units and layers.
    public static let variants: [String: (hidden: Int, layers: Int)] = [
        "baseline": (64, 2), "enhanced": (128, 3), "lightweight": (32, 1),
    ]

    /// Throws a ``HyperparameterError`` for the first field out of its range.
    public func validate() throws {
        guard Self.variants[variant] != nil else {
            throw HyperparameterError(field: "variant", value: variant, allowed: Self.variants.keys.sorted().joined(separator: ", "))
        }
        try check(epochs, "epochs", 1...100_000)
        try check(lookback, "lookback", 1...10_000)
        try check(batchSize, "batch_size", 1...65_536)
        try check(patience, "patience", 1...100_000)
        guard learningRate.isFinite, learningRate > 0, learningRate <= 1 else {
            throw HyperparameterError(field: "learning_rate", value: "\(learningRate)", allowed: "> 0 and <= 1")
        }
        guard dropout.isFinite, dropout >= 0, dropout < 1 else {
            throw HyperparameterError(field: "dropout", value: "\(dropout)", allowed: "0 <= p < 1")
        }
        guard validationFraction.isFinite, validationFraction >= 0, validationFraction < 1 else {
            throw HyperparameterError(field: "validation_fraction", value: "\(validationFraction)", allowed: "0 <= share < 1")
        }
        guard maxGradNorm.isFinite, maxGradNorm > 0 else {
            throw HyperparameterError(field: "max_grad_norm", value: "\(maxGradNorm)", allowed: "> 0")
        }
        guard ["auto", "sigmoid", "linear"].contains(head) else {
            throw HyperparameterError(field: "head", value: head, allowed: "auto, sigmoid, linear")
        }
    }

    private func check(_ value: Int, _ field: String, _ range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw HyperparameterError(field: field, value: "\(value)", allowed: "\(range.lowerBound)...\(range.upperBound)")
        }
    }

    /// The network's shape for `inputs` features and `attentionHeads` heads.
    func shape(inputs: Int, attentionHeads: Int) -> LSTMShape {
        let size = Self.variants[variant] ?? (64, 2)
        return LSTMShape(inputs: inputs, hidden: size.hidden, layers: size.layers, attentionHeads: attentionHeads)
    }
}

/// The ordered features a model reads, what they are, and how inference tables are made to fit.
///
/// A bundle carries its model's schema, so every front end checks and aligns input the same way.
public struct FeatureSchema: Codable, Sendable, Equatable {
    /// The model's input columns, in the order the model reads them.
    public var features: [FeatureField]
    /// The column the model predicts, if it was trained against one.
    public var target: String?
    /// What the target measures; `nil` in schemas written before it was kept (see ``resolvedTargetKind``).
    public var targetKind: TargetKind?
    /// How often the data behind the model has a bar.
    public var frequency: Frequency?
    /// What alignment does with a schema feature the input lacks.
    public var missingFeaturePolicy: MissingFeaturePolicy
    /// What alignment does with an input column the schema does not name.
    public var extraColumnPolicy: ExtraColumnPolicy

    /// Makes a schema; by default a missing feature is filled with zero and extra columns are dropped, each reported.
    public init(
        features: [FeatureField], target: String? = nil, targetKind: TargetKind? = nil, frequency: Frequency? = nil,
        missingFeaturePolicy: MissingFeaturePolicy = .fillZero, extraColumnPolicy: ExtraColumnPolicy = .drop
    ) {
        self.features = features
        self.target = target
        self.targetKind = targetKind
        self.frequency = frequency
        self.missingFeaturePolicy = missingFeaturePolicy
        self.extraColumnPolicy = extraColumnPolicy
    }

    /// The feature names, in order.
    public var featureNames: [String] { features.map(\.name) }

    /// The target's kind: the one recorded at training, or for an older schema the one its target's name implies.
    public var resolvedTargetKind: TargetKind { targetKind ?? TargetKind(legacyName: target) }
}

/// One input column of a model.
public struct FeatureField: Codable, Sendable, Equatable {
    /// The column name, such as `rsi_14`.
    public var name: String
    /// The column's element type.
    public var dtype: DType
    /// The smallest and largest value seen in training, when known; alignment flags values outside it.
    public var trainingRange: ValueRange?
    /// The training values' quantiles at 0%, 1%, … 100% (``quantiles(of:)``): a bounded sketch of
    /// the training distribution that served rows are tested against for drift; `nil` when unknown.
    public var trainingQuantiles: [Double]?

    /// Makes a field; the element type defaults to 64-bit floats.
    public init(name: String, dtype: DType = .float64, trainingRange: ValueRange? = nil, trainingQuantiles: [Double]? = nil) {
        self.name = name
        self.dtype = dtype
        self.trainingRange = trainingRange
        self.trainingQuantiles = trainingQuantiles
    }
}

/// A closed interval of values seen in training.
public struct ValueRange: Codable, Sendable, Equatable {
    /// The smallest value seen.
    public var min: Double
    /// The largest value seen.
    public var max: Double

    /// Makes a range from its two ends.
    public init(min: Double, max: Double) {
        self.min = min
        self.max = max
    }

    /// The range of `values`, missing ones (`nan`) left out; `nil` when none is left.
    public init?(of values: [Double]) {
        let known = values.filter { !$0.isNaN }
        guard let low = known.min(), let high = known.max() else { return nil }
        self.init(min: low, max: high)
    }

    /// Whether `value` lies within the range, ends included.
    public func contains(_ value: Double) -> Bool { value >= min && value <= max }
}

/// Element types a feature or tensor can have, named as safetensors names them.
public enum DType: String, Codable, Sendable {
    /// IEEE 754 double precision.
    case float64 = "F64"
    /// IEEE 754 single precision.
    case float32 = "F32"
}

/// What alignment does when the input lacks a feature the schema names.
public enum MissingFeaturePolicy: String, Codable, Sendable {
    /// Fill the feature with zero and report it by name (what the original batch process did).
    case fillZero = "fill_zero"
    /// Refuse the input.
    case refuse
}

/// What alignment does with input columns the schema does not name.
public enum ExtraColumnPolicy: String, Codable, Sendable {
    /// Drop them and report each by name.
    case drop
    /// Refuse the input.
    case refuse
}

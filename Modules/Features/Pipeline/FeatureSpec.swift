import FerryCore

/// One feature of a pipeline: a kind and its periods, such as `{"kind": "sma", "periods": [20]}`.
///
/// A spec is a ``FeatureTransform``: it names its output columns, knows its warm-up and computes
/// its columns from an instrument's bars.
public struct FeatureSpec: Codable, Sendable, Equatable, FeatureTransform {
    /// What is computed.
    public var kind: FeatureKind
    /// Its periods, in the order ``FeatureKind`` lists them; empty for kinds without any.
    public var periods: [Int]

    /// Makes a spec; `periods` defaults to the kind's defaults.
    public init(_ kind: FeatureKind, _ periods: [Int]? = nil) {
        self.kind = kind
        self.periods = periods ?? kind.parameters.map(\.defaultValue)
    }

    public var names: [String] { kind.names(periods) }

    public var lookback: Int { kind.lookback(periods) }

    /// The formula, in words.
    public var formula: String { kind.formula }

    /// Throws ``FeaturePipelineError`` naming the parameter and its allowed values when a period is out of range.
    public func validate() throws {
        let expected = kind.parameters
        guard periods.count == expected.count else {
            throw FeaturePipelineError.wrongParameterCount(
                kind: kind.rawValue, expected: expected.map(\.name), given: periods.count)
        }
        for (value, parameter) in zip(periods, expected) where value < parameter.minimum || value > 100_000 {
            throw FeaturePipelineError.parameterOutOfRange(
                kind: kind.rawValue, parameter: parameter.name, value: value, allowed: "\(parameter.minimum)...100000")
        }
        if kind == .macd, periods[0] >= periods[1] {
            throw FeaturePipelineError.parameterOutOfRange(
                kind: kind.rawValue, parameter: "fast", value: periods[0], allowed: "below slow (\(periods[1]))")
        }
    }

    public func columns(for input: FeatureInput) throws -> [[Double]] {
        try validate()
        return try ColumnOutput.columns(names.count, rows: input.series.count) { outputs in
            try SharedSeries(for: [self], input: input, outputs: [outputs], first: 0).write(self, into: outputs)
        }
    }
}

import Foundation

/// One bar as a stream delivers it, with the reference series' value already laid onto its date
/// (``CalendarAlignment``; `nan` where there is none, or when the pipeline reads no reference).
public struct StreamBar: Sendable, Equatable {
    /// The opening price.
    public var open: Double
    /// The highest price.
    public var high: Double
    /// The lowest price.
    public var low: Double
    /// The closing price (the standard set reads this one, as the batch pipeline does).
    public var close: Double
    /// The volume traded.
    public var volume: Double
    /// The reference series' value on this bar's date; `nan` where it has none.
    public var reference: Double

    /// Makes a bar.
    public init(open: Double, high: Double, low: Double, close: Double, volume: Double, reference: Double = .nan) {
        (self.open, self.high, self.low, self.close, self.volume, self.reference) = (open, high, low, close, volume, reference)
    }
}

/// A feature pipeline computed bar by bar: each ``push(_:)`` takes one bar and gives that bar's
/// value of every feature, in O(1) per bar whatever the window lengths (CCI: O(period), as
/// TA-Lib's own), with the batch kernels' seeding, warm-up and arithmetic in their order, so the
/// values are the batch table's to the bit (`FeatureStreamTests` checks every feature on every
/// row of every embedded file). The state is `Codable` and versioned: a consumer checkpoints it
/// and resumes without replaying history (encode with a non-conforming float strategy, or a
/// binary encoder: the warm-up holds `nan`).
public struct FeatureStream: Codable, Sendable {
    /// The version of the state's encoding; a state of another version is refused.
    public static let stateVersion = 1

    /// The state's encoding version (``stateVersion`` when it was written).
    public let version: Int
    /// The pipeline the stream computes.
    public let pipeline: FeaturePipeline
    /// How many bars were pushed.
    public private(set) var bars = 0
    /// The pipeline's warm-up (kept: working it out walks every spec, and a consumer asks every bar).
    private let warmUpRows: Int
    private var states: [any StreamingFeature]
    private var closeReturns = RunningReturn()
    private var referenceReturns = RunningReturn()

    /// A stream of `pipeline`'s features before its first bar.
    public init(pipeline: FeaturePipeline) throws {
        try pipeline.validate()
        version = Self.stateVersion
        self.pipeline = pipeline
        warmUpRows = pipeline.warmUpRows
        states = pipeline.features.map(streamingFeature)
    }

    /// Reads a checkpointed state, refusing one of another version.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        guard version == Self.stateVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container,
                debugDescription: "feature stream state version \(version); this Ferry reads version \(Self.stateVersion)")
        }
        pipeline = try container.decode(FeaturePipeline.self, forKey: .pipeline)
        warmUpRows = pipeline.warmUpRows
        bars = try container.decode(Int.self, forKey: .bars)
        // Each state decodes as the type its spec's kind makes (the specs say which, in order).
        var encoded = try container.nestedUnkeyedContainer(forKey: .states)
        guard encoded.count == pipeline.features.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .states, in: container,
                debugDescription: "\(encoded.count ?? 0) feature states for \(pipeline.features.count) features")
        }
        states = try pipeline.features.map { try Self.decode(like: streamingFeature($0), from: &encoded) }
        closeReturns = try container.decode(RunningReturn.self, forKey: .closeReturns)
        referenceReturns = try container.decode(RunningReturn.self, forKey: .referenceReturns)
    }

    /// Writes the state (see ``init(from:)``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(pipeline, forKey: .pipeline)
        try container.encode(bars, forKey: .bars)
        var encoded = container.nestedUnkeyedContainer(forKey: .states)
        for state in states { try encoded.encode(state) }
        try container.encode(closeReturns, forKey: .closeReturns)
        try container.encode(referenceReturns, forKey: .referenceReturns)
    }

    /// The next state of `encoded`, read as `prototype`'s type.
    private static func decode<Feature: StreamingFeature>(like prototype: Feature, from encoded: inout any UnkeyedDecodingContainer)
        throws -> any StreamingFeature
    {
        try encoded.decode(Feature.self)
    }

    /// The features' names, in the order ``push(_:)`` gives their values.
    public var featureNames: [String] { pipeline.featureNames }

    /// How many numbers each feature spec keeps between bars (its running sums, counters, ring
    /// slots and queue entries), named by the spec's first feature: what a checkpoint holds. It
    /// depends on the window lengths, never on how many bars went by.
    public var stateSizes: [(feature: String, numbers: Int)] {
        zip(pipeline.features, states).map { spec, state in (spec.names[0], Self.numbers(in: state)) }
    }

    /// The numbers a state holds, found by reflection (a report, not the hot path).
    private static func numbers(in value: Any) -> Int {
        switch value {
        case is Double, is Int: return 1
        case let values as [Double]: return values.count
        default: return Mirror(reflecting: value).children.reduce(0) { $0 + numbers(in: $1.value) }
        }
    }

    /// Whether the bars pushed so far cover the warm-up (the batch table drops the rows before).
    public var isWarmedUp: Bool { bars > warmUpRows }

    /// Takes the next bar of the instrument and gives its value of every feature (``featureNames``
    /// order; `nan` during a feature's warm-up).
    public mutating func push(_ bar: StreamBar) -> [Double] {
        var row: [Double] = []
        push(bar, into: &row)
        return row
    }

    /// ``push(_:)`` into `row` (emptied first, its capacity kept): a consumer that reuses one row
    /// allocates nothing per bar.
    public mutating func push(_ bar: StreamBar, into row: inout [Double]) {
        bars += 1
        let returns = BarReturns(close: closeReturns.push(bar.close), reference: referenceReturns.push(bar.reference))
        row.removeAll(keepingCapacity: true)
        for index in states.indices { states[index].push(bar, returns: returns, into: &row) }
    }

    /// The encoded state's keys.
    enum CodingKeys: String, CodingKey { case version, pipeline, bars, states, closeReturns, referenceReturns }
}

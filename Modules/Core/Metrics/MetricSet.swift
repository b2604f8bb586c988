/// Named numeric results (`mae`, `sharpe`, `max_drawdown`, ...), kept in a stable order.
public struct MetricSet: Codable, Sendable, Equatable {
    /// The values by metric name.
    public private(set) var values: [String: Double]

    /// Makes a set from name-value pairs.
    public init(_ values: [String: Double] = [:]) { self.values = values }

    /// The value of a metric, or `nil` when it was not computed.
    public subscript(name: String) -> Double? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// Metric names in alphabetical order, for stable reports.
    public var names: [String] { values.keys.sorted() }

    /// Reads a flat JSON object of metric names to numbers.
    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: Double].self)
    }

    /// Writes a flat JSON object of metric names to numbers.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}

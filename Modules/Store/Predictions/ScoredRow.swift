/// One instrument's prediction for a day, as a batch job produces it.
public struct ScoredRow: Sendable, Equatable {
    public let instrument: String
    public let asOf: String
    public let value: Double?

    /// Makes a row.
    public init(instrument: String, asOf: String, value: Double?) {
        self.instrument = instrument
        self.asOf = asOf
        self.value = value
    }
}
